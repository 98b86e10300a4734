import DataLoader from 'dataloader';
import { byKey } from '../shared/batch.js';
import type { CompositionRepo, CompositionRow } from './composition.repo.js';

export function createCompositionLoaders(repo: CompositionRepo) {
  return {
    compositionById: new DataLoader<number, CompositionRow | null>(async (ids) => byKey(ids, await repo.findByIds(ids), (c) => c.id)),
  };
}
