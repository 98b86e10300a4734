import type { AirportService } from '../airports/airport.service.js';
import type { CompositionService } from '../compositions/composition.service.js';
import { defineModule } from '../module.js';
import type { NetworkService } from '../network/network.service.js';
import { SimilarityRepo } from './similarity.repo.js';
import { CompositionSimilarityResolver, SimilarityResolver } from './similarity.resolver.js';
import { SimilarityService } from './similarity.service.js';

export const similarityModule = defineModule<{ networks: NetworkService; airports: AirportService; compositions: CompositionService }>()({
  name: 'similarity',
  repos: (prisma) => ({ similarity: new SimilarityRepo(prisma) }),
  services: ({ repos, services, deps }) => {
    const similarity = new SimilarityService(services.networks, services.airports, repos.similarity, { indexDir: deps.config.similarity.indexDir, logger: deps.logger });
    deps.disposer.defer(() => similarity.dispose());
    // Not awaited: similarity is not critical, and answers SERVICE_UNAVAILABLE until its index is ready.
    similarity.start();
    return { similarity };
  },
  resolvers: [
    [SimilarityResolver, (services) => new SimilarityResolver(services.similarity, services.compositions)],
    [CompositionSimilarityResolver, (services) => new CompositionSimilarityResolver(services.similarity, services.compositions)],
  ],
});
