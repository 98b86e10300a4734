import { RateLimiter } from '../../adapters/rate-limiter.js';
import { defineModule } from '../module.js';
import { AuthService } from './auth.service.js';
import { SessionRepo } from './session.repo.js';
import { AccessTokens } from './tokens.js';
import { createUserLoaders } from './user.loaders.js';
import { UserRepo } from './user.repo.js';
import { UserResolver } from './user.resolver.js';
import { UserService } from './user.service.js';

export const usersModule = defineModule()({
  name: 'users',
  repos: (prisma) => ({ users: new UserRepo(prisma), sessions: new SessionRepo(prisma) }),
  services: ({ repos, deps: { config, redis, logger } }) => {
    const { auth } = config;
    const accessTokens = new AccessTokens(auth.secret, auth.accessTokenTtlSeconds);
    const refresh = { secret: auth.secret, ttlDays: auth.refreshTokenTtlDays, reuseGraceSeconds: auth.refreshReuseGraceSeconds };
    return {
      auth: new AuthService(repos.users, repos.sessions, accessTokens, refresh, new RateLimiter(redis, logger), logger),
      users: new UserService(repos.users),
    };
  },
  loaders: { users: (repos) => createUserLoaders(repos.users) },
  resolvers: [[UserResolver, (services) => new UserResolver(services.auth, services.users)]],
});
