import type { PrismaClient } from './adapters/prisma.js';
import { AirlineRepo } from './modules/airlines/airline.repo.js';
import { createAirlineLoaders } from './modules/airlines/airline.loaders.js';
import { AirlineService } from './modules/airlines/airline.service.js';
import { AirportRepo } from './modules/airports/airport.repo.js';
import { createAirportLoaders } from './modules/airports/airport.loaders.js';
import { AirportService } from './modules/airports/airport.service.js';
import type { NetworkService } from './modules/network/network.service.js';
import { CompositionRepo } from './modules/compositions/composition.repo.js';
import { createCompositionLoaders } from './modules/compositions/composition.loaders.js';
import { CompositionService } from './modules/compositions/composition.service.js';
import { ThemeService } from './modules/themes/theme.service.js';
import { RouteRepo } from './modules/routes/route.repo.js';
import { createRouteLoaders } from './modules/routes/route.loaders.js';
import { RouteService } from './modules/routes/route.service.js';

export interface Repos {
  airports: AirportRepo;
  airlines: AirlineRepo;
  routes: RouteRepo;
  compositions: CompositionRepo;
}

export interface Services {
  networks: NetworkService;
  airports: AirportService;
  airlines: AirlineService;
  routes: RouteService;
  themes: ThemeService;
  compositions: CompositionService;
}

export function createRepos(prisma: PrismaClient): Repos {
  return {
    airports: new AirportRepo(prisma),
    airlines: new AirlineRepo(prisma),
    routes: new RouteRepo(prisma),
    compositions: new CompositionRepo(prisma),
  };
}

export function createServices(repos: Repos, networks: NetworkService): Services {
  const airports = new AirportService(networks, repos.airports);
  const themes = new ThemeService();
  return {
    networks,
    airports,
    airlines: new AirlineService(repos.airlines),
    routes: new RouteService(networks, airports, repos.routes),
    themes,
    compositions: new CompositionService(networks, themes, repos.compositions),
  };
}

/** New for every request: DataLoader caches must never outlive the request that filled them. */
export function createLoaders(repos: Repos) {
  return {
    ...createAirportLoaders(repos.airports),
    ...createAirlineLoaders(repos.airlines),
    ...createRouteLoaders(repos.routes),
    ...createCompositionLoaders(repos.compositions),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

export interface RequestContext {
  requestId: string;
  loaders: Loaders;
}
