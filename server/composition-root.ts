import type { PrismaClient } from './adapters/prisma.js';
import type { Loaders, RequestStreams } from './context.js';
import { MODULES, type Repos, type Services } from './modules/index.js';
import type { AnyModule, LoaderGroup, SharedDependencies, StreamViewer } from './modules/module.js';

/** The modules folded into what the server runs: repos, services, resolver instances, per-request loaders and streams. */
export interface ComposedModules {
  repos: Repos;
  services: Services;
  /** One instance per resolver class, for buildSchema's container. */
  resolvers: Map<Function, object>;
  /** New for every request: DataLoader caches must never outlive the request that filled them. */
  createLoaders(viewerId: number | null): Loaders;
  /** The subscription streams of one request, for who asks. */
  streams(asking: StreamViewer): RequestStreams;
}

/** The resolver classes of every module, in list order: the schema needs them even with no services. */
export function resolverClasses(modules: readonly AnyModule[] = MODULES): Function[] {
  return modules.flatMap((module) => (module.resolvers ?? []).map(([resolverClass]) => resolverClass));
}

export function createRepos(prisma: PrismaClient, modules: readonly AnyModule[] = MODULES): Repos {
  return Object.assign({}, ...modules.map((module) => module.repos?.(prisma) ?? {})) as Repos;
}

/**
 * Builds each module's services in list order. A module reading a service no earlier module
 * built is a mistake in the list's order, reported by name rather than as `undefined`.
 * `beforeModule` runs before each module is built (start-up names its steps with it).
 */
export function createServices(repos: Repos, deps: SharedDependencies, beforeModule: (name: string) => void = () => undefined, modules: readonly AnyModule[] = MODULES): Services {
  const built: Record<string, unknown> = {};
  for (const module of modules) {
    beforeModule(module.name);
    if (!module.services) continue;
    const services = new Proxy(built, {
      get(target, name) {
        if (typeof name === 'string' && !(name in target)) throw new Error(`module ${module.name} needs the ${name} service, which no module listed before it provides`);
        return Reflect.get(target, name);
      },
    });
    Object.assign(built, module.services({ repos, services, deps }));
  }
  return built as Services;
}

export function composeModules(prisma: PrismaClient, deps: SharedDependencies, beforeModule?: (name: string) => void, modules: readonly AnyModule[] = MODULES): ComposedModules {
  const repos = createRepos(prisma, modules);
  const services = createServices(repos, deps, beforeModule, modules);
  const resolvers = new Map<Function, object>(modules.flatMap((module) => (module.resolvers ?? []).map(([resolverClass, create]) => [resolverClass, create(services)] as const)));
  const RequestLoaders = requestLoadersClass(repos, modules);
  const streamParts = modules.flatMap((module) => (module.streams ? [module.streams] : []));
  return {
    repos,
    services,
    resolvers,
    createLoaders: (viewerId) => new RequestLoaders(repos, viewerId),
    streams: (asking) => Object.assign({}, ...streamParts.map((part) => part(services, asking))) as RequestStreams,
  };
}

/** What a request's loaders hold: the groups built so far. */
class LazyLoaders {
  readonly built: Record<string, Record<string, unknown>> = {};
  constructor(
    readonly repos: Repos,
    readonly viewerId: number | null,
  ) {}
}

type LoadersConstructor = new (repos: Repos, viewerId: number | null) => Loaders;

/**
 * A class whose prototype has one getter per loader, each building its group on first read:
 * most requests read reference data from memory and need none of the ~15 DataLoaders.
 * The loaders' names come from building each group once.
 */
function requestLoadersClass(repos: Repos, modules: readonly AnyModule[]): LoadersConstructor {
  const RequestLoaders = class extends LazyLoaders {};
  for (const module of modules) {
    for (const [group, create] of Object.entries<LoaderGroup<Repos>>(module.loaders ?? {})) {
      const key = `${module.name}.${group}`;
      for (const name of Object.keys(create(repos, null))) {
        Object.defineProperty(RequestLoaders.prototype, name, {
          get(this: LazyLoaders) {
            this.built[key] ??= create(this.repos, this.viewerId) as Record<string, unknown>;
            return this.built[key][name];
          },
        });
      }
    }
  }
  return RequestLoaders as unknown as LoadersConstructor;
}
