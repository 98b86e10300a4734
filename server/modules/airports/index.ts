import { defineModule } from '../module.js';
import type { NetworkService } from '../network/network.service.js';
import { createAirportLoaders } from './airport.loaders.js';
import { AirportRepo } from './airport.repo.js';
import { AirportResolver } from './airport.resolver.js';
import { AirportService } from './airport.service.js';

export const airportsModule = defineModule<{ networks: NetworkService }>()({
  name: 'airports',
  repos: (prisma) => ({ airports: new AirportRepo(prisma) }),
  services: ({ repos, services }) => ({ airports: new AirportService(services.networks, repos.airports) }),
  loaders: { airports: (repos) => createAirportLoaders(repos.airports) },
  resolvers: [[AirportResolver, (services) => new AirportResolver(services.airports)]],
});
