import DataLoader from 'dataloader';
import { byKey } from '../shared/batch.js';
import type { AirportRepo, AirportRow } from './airport.repo.js';

export function createAirportLoaders(repo: AirportRepo) {
  return {
    airportById: new DataLoader<number, AirportRow | null>(async (ids) => byKey(ids, await repo.findByIds(ids), (a) => a.id)),
  };
}
