import { defineModule } from '../module.js';
import { createAirlineLoaders } from './airline.loaders.js';
import { AirlineRepo } from './airline.repo.js';
import { AirlineResolver } from './airline.resolver.js';
import { AirlineService } from './airline.service.js';

export const airlinesModule = defineModule()({
  name: 'airlines',
  repos: (prisma) => ({ airlines: new AirlineRepo(prisma) }),
  services: ({ repos }) => ({ airlines: new AirlineService(repos.airlines) }),
  loaders: { airlines: (repos) => createAirlineLoaders(repos.airlines) },
  resolvers: [[AirlineResolver, (services) => new AirlineResolver(services.airlines)]],
});
