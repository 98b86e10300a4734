import type { AirportService } from '../airports/airport.service.js';
import { defineModule } from '../module.js';
import type { NetworkService } from '../network/network.service.js';
import { createRouteLoaders } from './route.loaders.js';
import { RouteRepo } from './route.repo.js';
import { RouteResolver } from './route.resolver.js';
import { RouteService } from './route.service.js';

export const routesModule = defineModule<{ networks: NetworkService; airports: AirportService }>()({
  name: 'routes',
  repos: (prisma) => ({ routes: new RouteRepo(prisma) }),
  services: ({ repos, services }) => ({ routes: new RouteService(services.networks, services.airports, repos.routes) }),
  loaders: { routes: (repos) => createRouteLoaders(repos.routes) },
  resolvers: [[RouteResolver, (services) => new RouteResolver(services.routes)]],
});
