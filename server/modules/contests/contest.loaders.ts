import DataLoader from 'dataloader';
import { byKey } from '../shared/batch.js';
import type { ContestRepo, ContestRow, EntryRow } from './contest.repo.js';

export function createContestLoaders(repo: ContestRepo, viewerId: number | null) {
  return {
    contestById: new DataLoader<number, ContestRow | null>(async (ids) => byKey(ids, await repo.findByIds(ids), (c) => c.id)),
    contestEntryById: new DataLoader<number, EntryRow | null>(async (ids) => byKey(ids, await repo.entriesByIds(ids), (e) => e.id)),
    contestStats: new DataLoader<number, { entries: number; voters: number; votes: number }>(async (ids) => {
      const stats = await repo.stats(ids);
      return ids.map((id) => stats.get(id)!);
    }),
    viewerVotedForEntry: new DataLoader<number, boolean>(async (ids) => {
      if (viewerId === null) return ids.map(() => false);
      const voted = await repo.votedBy(viewerId, ids);
      return ids.map((id) => voted.has(id));
    }),
  };
}
