// Builds only what changed since the last build, so that a second `npm start` with nothing changed
// starts at once: each step (Prisma client, server, web app) runs when the hash of its inputs
// differs from the one written into its output by the last successful run, or its output is gone.
// `node scripts/build-if-stale.mjs [prisma] [server] [web]` (no names: all three, in that order).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const SKIPPED = new Set(['node_modules', '.next', 'next-env.d.ts', 'tsconfig.tsbuildinfo']);

function filesUnder(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .filter((entry) => !SKIPPED.has(entry.name))
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(join(path, entry.name)) : [join(path, entry.name)]));
}

/** One hash over the names and contents of every input file (under a folder: those `only` accepts). */
function hashOf(inputs, only = () => true) {
  const hash = createHash('sha256');
  const files = inputs.flatMap((input) => {
    const path = join(root, input);
    return existsSync(path) && statSync(path).isDirectory() ? filesUnder(path).filter(only) : filesUnder(path);
  });
  for (const file of files.sort()) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}

const node = (script, args, env) => run(process.execPath, [join(root, 'node_modules', script), ...args], env);

/** Each step: what it reads, what it writes (its stamp lives there, so deleting the output rebuilds), how. */
const STEPS = {
  prisma: {
    inputs: ['prisma/schema.prisma', 'prisma.config.ts', 'package-lock.json'],
    output: 'server/generated/prisma',
    build: () => node('prisma/build/index.js', ['generate'], { PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? 'package.json' }),
  },
  server: {
    inputs: ['server', 'bench', 'prisma', 'tsconfig.json', 'package-lock.json'],
    // What tsc compiles: not the bench results, migrations or notes that live beside the code.
    only: (file) => file.endsWith('.ts'),
    output: 'dist',
    // Incremental: after a change tsc re-checks and re-emits only what that change reaches.
    build: () => node('typescript/bin/tsc', ['-p', 'tsconfig.json', '--incremental', '--tsBuildInfoFile', 'dist/.tsbuildinfo']),
  },
  web: {
    inputs: ['app', 'package-lock.json'],
    // public/audio is written by the build itself (copies named by package versions, which the lock covers).
    only: (file) => !relative(root, file).startsWith(join('app', 'public', 'audio')),
    output: 'app/.next',
    build: () => node('next/dist/bin/next', ['build', 'app'], { NEXT_TELEMETRY_DISABLED: '1' }),
  },
};

/** The hash of a step's inputs (the web app's is its release id: the service worker's version). */
export function inputsHash(name) {
  const step = STEPS[name];
  return hashOf(step.inputs, step.only);
}

/** Runs the step if its inputs changed; returns whether it built. */
export function buildIfStale(name) {
  const step = STEPS[name];
  const stamp = join(root, step.output, '.inputs.sha256');
  const before = inputsHash(name);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === before) return false;
  step.build();
  // The inputs as they were when the build started: one changed meanwhile is built next time.
  writeFileSync(stamp, before);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const names = process.argv.slice(2);
  for (const name of names.length > 0 ? names : Object.keys(STEPS)) {
    if (!STEPS[name]) throw new Error(`unknown step ${name}; the steps are ${Object.keys(STEPS).join(', ')}`);
    const startedAt = Date.now();
    console.log(buildIfStale(name) ? `${name}: built in ${((Date.now() - startedAt) / 1000).toFixed(1)} s` : `${name}: up to date`);
  }
}
