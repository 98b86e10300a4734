// Builds the web app (`next build app`) unless its inputs are unchanged since the last build, so
// that `npm test` and the e2e project build it once, before any test runs, and not again needlessly.
import { fileURLToPath } from 'node:url';
import { buildIfStale } from './build-if-stale.mjs';

export function buildWebAppIfStale() {
  return buildIfStale('web');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(buildWebAppIfStale() ? 'web app built' : 'web app build is up to date');
}
