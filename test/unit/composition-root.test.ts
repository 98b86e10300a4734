import { describe, expect, it } from 'vitest';
import { composeModules, createServices } from '../../server/composition-root.js';
import type { PrismaClient } from '../../server/adapters/prisma.js';
import type { Repos } from '../../server/modules/index.js';
import { defineModule, type SharedDependencies } from '../../server/modules/module.js';

const prisma = {} as PrismaClient;
const deps = {} as SharedDependencies;

const counter = defineModule()({
  name: 'counter',
  repos: () => ({ counts: { built: 0 } }),
  services: () => {
    let value = 0;
    return { counter: { next: () => ++value } };
  },
  loaders: { counts: (repos, viewerId) => ({ countLoader: { viewerId, built: ++repos.counts.built } }) },
  streams: (services, { viewer }) => ({
    watchLeaderboard: async () =>
      (async function* () {
        yield [services.counter.next(), viewer?.id];
      })(),
  }),
});
const doubler = defineModule<{ counter: { next(): number } }>()({
  name: 'doubler',
  services: ({ services }) => {
    const { counter } = services;
    return { doubler: { next: () => 2 * counter.next() } };
  },
  resolvers: [[class DoublerResolver {}, (services) => ({ doubler: services.doubler })]],
});

describe('the composition root', () => {
  it('folds repos, services, resolvers and streams from the descriptors', async () => {
    const composed = composeModules(prisma, deps, undefined, [counter, doubler]);
    const services = composed.services as unknown as { doubler: { next(): number } };
    expect(services.doubler.next()).toBe(2);
    expect([...composed.resolvers.values()]).toEqual([{ doubler: services.doubler }]);
    const streams = composed.streams({ viewer: null, authError: null });
    const events: unknown[] = [];
    for await (const event of await streams.watchLeaderboard(1)) events.push(event);
    expect(events).toEqual([[2, undefined]]);
    expect(services.doubler.next()).toBe(6);
  });

  it('builds a loader group per request, on the first read of one of its loaders', () => {
    const composed = composeModules(prisma, deps, undefined, [counter]);
    const repos = composed.repos as unknown as { counts: { built: number } };
    const before = repos.counts.built;
    const loaders = composed.createLoaders(7) as unknown as Record<string, { viewerId: number; built: number }>;
    expect(repos.counts.built).toBe(before);
    expect(loaders.countLoader.viewerId).toBe(7);
    expect(loaders.countLoader).toBe(loaders.countLoader);
    expect(repos.counts.built).toBe(before + 1);
    expect(composed.createLoaders(null)).not.toBe(loaders);
  });

  it('names the module and the service when a module comes before the one it needs', () => {
    expect(() => createServices({} as Repos, deps, undefined, [doubler, counter])).toThrow('module doubler needs the counter service, which no module listed before it provides');
  });

  it('calls the step hook before each module, so start-up can fail at any one', () => {
    const seen: string[] = [];
    createServices({} as Repos, deps, (name) => seen.push(name), [counter, doubler]);
    expect(seen).toEqual(['counter', 'doubler']);
  });
});
