import type { AirlineRow } from '../airlines/airline.repo.js';
import type { AirportRow } from '../airports/airport.repo.js';
import type { CommentService } from '../comments/comment.service.js';
import type { CompositionRow } from '../compositions/composition.repo.js';
import type { CompositionService } from '../compositions/composition.service.js';
import type { ContestRow, EntryRow } from '../contests/contest.repo.js';
import type { ContestService } from '../contests/contest.service.js';
import type { ExportService } from '../exports/export.service.js';
import type { RouteService } from '../routes/route.service.js';
import type { ThemeService } from '../themes/theme.service.js';
import type { Viewer } from '../users/tokens.js';
import type { UserRow } from '../users/user.repo.js';

/** A row tagged with its GraphQL type, so the Node interface can resolve which object it is. */
export type TypedNode = { __typename: string } & object;

/** How many ids one `nodes(ids:)` call may ask for. */
export const MAX_NODES = 100;

/** What a global id names, decoded by the GraphQL layer: a theme id as it is, or a type and key. */
export type NodeRef = { themeId: string } | { type: string; key: string };

/**
 * Reads one row by id, null when there is none. The GraphQL layer reads through its request's
 * loaders, so the ids of one `nodes(ids:)` call cost one query per type.
 */
export interface NodeRows {
  airport(id: number): Promise<AirportRow | null>;
  airline(id: number): Promise<AirlineRow | null>;
  composition(id: number): Promise<CompositionRow | null>;
  contest(id: number): Promise<ContestRow | null>;
  contestEntry(id: number): Promise<EntryRow | null>;
  user(id: number): Promise<UserRow | null>;
}

export class NodeService {
  constructor(
    private readonly routes: RouteService,
    private readonly compositions: CompositionService,
    private readonly comments: CommentService,
    private readonly contests: ContestService,
    private readonly themes: ThemeService,
    private readonly exports: ExportService,
  ) {}

  /** Theme ids ("jazz", "custom-12") were public before Theme became a Node: they are its global ids as they are. */
  isThemeId(id: string): boolean {
    return this.themes.isThemeId(id);
  }

  /** The object a ref names; null when it does not exist or the viewer may not see it. */
  async byRef(ref: NodeRef, rows: NodeRows, viewer: Viewer | null): Promise<TypedNode | null> {
    const tag = <T extends object>(row: T | null | undefined, __typename: string): TypedNode | null => (row ? { ...row, __typename } : null);
    if ('themeId' in ref) return tag(await this.themes.byId(ref.themeId, viewer), 'Theme');
    const decoded = ref;
    const id = /^\d{1,10}$/.test(decoded.key) ? Number(decoded.key) : null;
    switch (decoded.type) {
      case 'Airport':
        return /^\d+$/.test(decoded.key) ? tag(await rows.airport(Number(decoded.key)), 'Airport') : null;
      case 'Airline':
        return /^-?\d+$/.test(decoded.key) ? tag(await rows.airline(Number(decoded.key)), 'Airline') : null;
      case 'Route': {
        const match = /^(\d+)-(\d+)$/.exec(decoded.key);
        return match ? tag(this.routes.routeByAirportIds(Number(match[1]), Number(match[2])), 'Route') : null;
      }
      case 'Composition':
        return tag(await this.compositions.viewOf(decoded.key, id === null ? null : await rows.composition(id), viewer), 'Composition');
      case 'Comment':
        return /^\d+$/.test(decoded.key) ? tag(await this.comments.byId(Number(decoded.key), viewer), 'Comment') : null;
      case 'Contest':
        return tag(await this.contests.current(id === null ? null : await rows.contest(id)), 'Contest');
      case 'ContestEntry':
        return tag(id === null ? null : await rows.contestEntry(id), 'ContestEntry');
      case 'Export':
        return viewer ? tag(await this.exports.byId(id, viewer), 'Export') : null;
      case 'User':
        return /^\d+$/.test(decoded.key) ? tag(await rows.user(Number(decoded.key)), 'User') : null;
      default:
        return null;
    }
  }
}
