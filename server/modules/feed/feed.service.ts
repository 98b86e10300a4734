import { DEFAULT_PAGE_SIZE, decodeCursor, encodeCursor, keysetPage, mapPage, type Page } from '../shared/paging.js';
import type { CompositionView } from '../compositions/composition.service.js';
import { savedView } from '../compositions/composition-view.js';
import type { Viewer } from '../users/tokens.js';
import type { FeedRepo } from './feed.repo.js';

export class FeedService {
  constructor(private readonly repo: FeedRepo) {}

  /** What the people the viewer follows made lately; trending pieces for everyone else. */
  async feed(viewer: Viewer | null, args: { first?: number; after?: string }): Promise<Page<CompositionView>> {
    if (viewer && (await this.repo.followsAnyone(viewer.id))) {
      const page = await keysetPage(
        args,
        (take, beforeId) => this.repo.following(viewer.id, take, beforeId),
        () => this.repo.countFollowing(viewer.id),
      );
      return mapPage(page, (row) => savedView(row));
    }
    return this.trending(args.first ?? DEFAULT_PAGE_SIZE, decodeCursor(args.after) ?? 0);
  }

  /** Trending order shifts as likes arrive, so its cursors are positions rather than ids. */
  private async trending(first: number, skip: number): Promise<Page<CompositionView>> {
    const ids = await this.repo.trendingIds(skip, first + 1);
    const rows = new Map((await this.repo.findByIds(ids.slice(0, first))).map((row) => [row.id, row]));
    const nodes = ids.slice(0, first).flatMap((id) => (rows.has(id) ? [savedView(rows.get(id)!)] : []));
    const edges = nodes.map((node, i) => ({ cursor: encodeCursor(skip + i + 1), node }));
    const repo = this.repo;
    return {
      edges,
      nodes,
      pageInfo: { hasNextPage: ids.length > first, hasPreviousPage: skip > 0, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
      get totalCount() {
        return repo.countPublic();
      },
    };
  }
}
