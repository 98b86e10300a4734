import { defineModule } from '../module.js';
import { ThemeRepo } from './theme.repo.js';
import { ThemeResolver } from './theme.resolver.js';
import { ThemeService } from './theme.service.js';

export const themesModule = defineModule()({
  name: 'themes',
  repos: (prisma) => ({ themes: new ThemeRepo(prisma) }),
  services: ({ repos }) => ({ themes: new ThemeService(repos.themes) }),
  resolvers: [[ThemeResolver, (services) => new ThemeResolver(services.themes)]],
});
