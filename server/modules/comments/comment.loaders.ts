import DataLoader from 'dataloader';
import { groupBy } from '../shared/batch.js';
import type { CommentRepo, CommentRow } from './comment.repo.js';

export function createCommentLoaders(repo: CommentRepo) {
  return {
    repliesByCommentId: new DataLoader<number, CommentRow[]>(async (ids) => {
      const groups = groupBy(await repo.repliesTo(ids), (row) => row.parentId);
      return ids.map((id) => groups.get(id) ?? []);
    }),
  };
}
