import { defineModule } from '../module.js';
import { FeedRepo } from './feed.repo.js';
import { FeedResolver } from './feed.resolver.js';
import { FeedService } from './feed.service.js';

export const feedModule = defineModule()({
  name: 'feed',
  repos: (prisma) => ({ feed: new FeedRepo(prisma) }),
  services: ({ repos }) => ({ feed: new FeedService(repos.feed) }),
  resolvers: [[FeedResolver, (services) => new FeedResolver(services.feed)]],
});
