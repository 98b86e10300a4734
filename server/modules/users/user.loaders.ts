import DataLoader from 'dataloader';
import { byKey } from '../shared/batch.js';
import type { UserRepo, UserRow } from './user.repo.js';

export function createUserLoaders(repo: UserRepo) {
  return {
    userById: new DataLoader<number, UserRow | null>(async (ids) => byKey(ids, await repo.findByIds(ids), (u) => u.id)),
  };
}
