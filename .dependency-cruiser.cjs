/**
 * dependency-cruiser: the layers docs/architecture.md describes, checked by
 * `npm run lint`. There is no baseline of known violations: every one fails lint.
 */

/** Node built-ins that reach outside the process: the engine computes, it never does I/O. */
const IO_BUILTINS = [
  'fs',
  'fs/promises',
  'net',
  'http',
  'https',
  'http2',
  'dgram',
  'dns',
  'dns/promises',
  'tls',
  'child_process',
  'cluster',
  'worker_threads',
  'readline',
  'repl',
  'inspector',
  'os',
  'v8',
  'vm',
];

/** The only npm packages the engine may use: pure computation, no I/O. */
const ENGINE_PACKAGES = ['spessasynth_core'];

const nodeModule = (names) => `^(node:)?(${names.map((name) => name.replace(/[/.]/g, '\\$&')).join('|')})$`;
const npmPackage = (names) => `^node_modules/(${names.join('|')})/`;

module.exports = {
  forbidden: [
    {
      name: 'engine-imports-only-engine',
      comment: 'server/engine/ is the pure core: it imports only engine code (and a few pure packages), so it runs anywhere and its tests need no services.',
      severity: 'error',
      from: { path: '^server/engine/' },
      to: { pathNot: ['^server/engine/', npmPackage(ENGINE_PACKAGES)], dependencyTypesNot: ['core'] },
    },
    {
      name: 'engine-no-io',
      comment: 'server/engine/ does no I/O: no file system, network, processes or threads.',
      severity: 'error',
      from: { path: '^server/engine/' },
      to: { dependencyTypes: ['core'], path: nodeModule(IO_BUILTINS) },
    },
    {
      name: 'adapters-no-upper-layers',
      comment: 'server/adapters/ are drivers: they know no module, GraphQL, job, HTTP or CLI code; those layers use adapters, not the other way round.',
      severity: 'error',
      from: { path: '^server/adapters/' },
      to: { path: '^server/(modules|graphql|jobs|http|cli)/|^server/(app|context|main)\\.ts$' },
    },
    {
      name: 'adapters-engine-types-only',
      comment: 'An adapter may name an engine type it carries (PcmAudio to the FLAC encoder), never run engine code.',
      severity: 'error',
      from: { path: '^server/adapters/' },
      to: { path: '^server/engine/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'services-and-repos-no-graphql',
      comment: 'Services and repositories speak plain numbers and command objects: only resolvers, *.type.ts, *.input.ts and server/graphql/ know GraphQL.',
      severity: 'error',
      from: { path: '\\.(service|repo)\\.ts$' },
      to: { path: ['^node_modules/(graphql|type-graphql)/', '^server/graphql/', '\\.(resolver|type|input)\\.ts$'] },
    },
    {
      name: 'services-no-request-loaders',
      comment: 'DataLoaders belong to one request of the GraphQL layer (server/context.ts builds them): a service outlives requests, so it reads through its repo or takes the rows a resolver loaded.',
      severity: 'error',
      from: { path: '\\.service\\.ts$' },
      to: { path: ['\\.loaders\\.ts$', '^server/context\\.ts$', '^node_modules/dataloader/'] },
    },
    {
      name: 'no-circular',
      comment: 'A cycle makes load order matter and the parts impossible to understand one at a time.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to no file or package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-non-package-json',
      comment: 'A package imported without being in package.json works only by accident of hoisting.',
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^server/generated/|^sdk/src/generated/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
