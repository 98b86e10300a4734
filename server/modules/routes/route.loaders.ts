import DataLoader from 'dataloader';
import { groupBy } from '../shared/batch.js';
import type { RouteRepo, RouteRow } from './route.repo.js';

export interface RoutesFromKey {
  airportId: number;
  first: number;
  afterId: number | undefined;
}

export function createRouteLoaders(repo: RouteRepo) {
  return {
    /**
     * `Airport.routesFrom` for many airports in one query per distinct cursor: each airport has
     * at most a few hundred routes, so fetching them all and slicing per airport is cheaper than
     * one query per airport. Returns first+1 rows per key so the caller can tell hasNextPage.
     */
    routesFrom: new DataLoader<RoutesFromKey, RouteRow[], string>(
      async (keys) => {
        const byCursor = groupBy([...keys], (key) => key.afterId);
        const results = new Map<RoutesFromKey, RouteRow[]>();
        for (const [afterId, group] of byCursor) {
          const rows = groupBy(await repo.fromOrigins([...new Set(group.map((k) => k.airportId))], afterId), (r) => r.originId);
          for (const key of group) results.set(key, (rows.get(key.airportId) ?? []).slice(0, key.first + 1));
        }
        return keys.map((key) => results.get(key)!);
      },
      { cacheKeyFn: (key) => `${key.airportId}:${key.first}:${key.afterId ?? ''}` },
    ),
  };
}
