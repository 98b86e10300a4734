import type { CompositionService } from '../compositions/composition.service.js';
import { defineModule } from '../module.js';
import type { NetworkService } from '../network/network.service.js';
import type { RouteService } from '../routes/route.service.js';
import type { ThemeService } from '../themes/theme.service.js';
import { AnalyticsResolver, MusicAnalyticsResolver, NetworkAnalyticsResolver, PartnerUsageResolver } from './analytics.resolver.js';
import { AnalyticsService } from './analytics.service.js';
import { loadDimensionRows } from './dimension.repo.js';

export const analyticsModule = defineModule<{ networks: NetworkService; themes: ThemeService; compositions: CompositionService; routes: RouteService }>()({
  name: 'analytics',
  services: ({ services, deps: { analyticsRepo, prisma, logger } }) => ({
    analytics: new AnalyticsService(analyticsRepo, services.networks, services.themes, services.compositions, services.routes, () => loadDimensionRows(prisma), logger),
  }),
  resolvers: [
    [AnalyticsResolver, (services) => new AnalyticsResolver(services.analytics)],
    [NetworkAnalyticsResolver, (services) => new NetworkAnalyticsResolver(services.analytics)],
    [MusicAnalyticsResolver, (services) => new MusicAnalyticsResolver(services.analytics)],
    [PartnerUsageResolver, () => new PartnerUsageResolver()],
  ],
});
