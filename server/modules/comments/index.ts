import type { CompositionService } from '../compositions/composition.service.js';
import { defineModule } from '../module.js';
import { createCommentLoaders } from './comment.loaders.js';
import { CommentRepo } from './comment.repo.js';
import { CommentResolver, CompositionCommentsResolver } from './comment.resolver.js';
import { CommentService } from './comment.service.js';

export const commentsModule = defineModule<{ compositions: CompositionService }>()({
  name: 'comments',
  repos: (prisma) => ({ comments: new CommentRepo(prisma) }),
  services: ({ repos, services }) => ({ comments: new CommentService(repos.comments, services.compositions) }),
  loaders: { comments: (repos) => createCommentLoaders(repos.comments) },
  resolvers: [
    [CommentResolver, (services) => new CommentResolver(services.comments)],
    [CompositionCommentsResolver, (services) => new CompositionCommentsResolver(services.comments)],
  ],
});
