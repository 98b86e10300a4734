import DataLoader from 'dataloader';
import { byKey } from '../shared/batch.js';
import type { AirlineRepo, AirlineRow } from './airline.repo.js';

export function createAirlineLoaders(repo: AirlineRepo) {
  return {
    airlineById: new DataLoader<number, AirlineRow | null>(async (ids) => byKey(ids, await repo.findByIds(ids), (a) => a.id)),
  };
}
