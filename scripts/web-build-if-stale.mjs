// Builds the web app (`next build app`) unless app/ is unchanged since the last build, so that
// `npm test` and the e2e project build it once, before any test runs, and not again needlessly.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const appDir = join(root, 'app');

/** The newest modification time under `dir`, skipping build output and dependencies. */
function newestChange(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === '.next' || entry.name === 'node_modules' || entry.name === 'next-env.d.ts') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function builtAt() {
  try {
    return statSync(join(appDir, '.next', 'BUILD_ID')).mtimeMs;
  } catch {
    return 0;
  }
}

export function buildWebAppIfStale() {
  if (newestChange(appDir) <= builtAt()) return false;
  const build = spawnSync(process.execPath, [join(root, 'node_modules/next/dist/bin/next'), 'build', 'app'], {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error(`next build failed (exit ${build.status})`);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(buildWebAppIfStale() ? 'web app built' : 'web app build is up to date');
}
