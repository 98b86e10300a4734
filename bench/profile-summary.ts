/**
 * Summarises a V8 CPU profile (node --cpu-prof; `BENCH_PROFILE_DIR=dir npm run bench` writes one
 * per server process): where the sampled time went, by package or project folder, and the
 * functions with the most self time. Usage:
 *   node dist/bench/profile-summary.js <file.cpuprofile> [--top 15] [--last <seconds>]
 * --last keeps only the samples of the profile's last seconds: the scenario measured just before
 * the server stopped, without its start-up.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  endTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** node_modules/<package>, the project folder (server/modules/routes), node:internal or a V8 bucket. */
function areaOf(url: string, functionName: string): string {
  if (!url) return `(${functionName || 'native'})`;
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dependency) return dependency[1];
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  const own = /\/dist\/((?:server|bench)\/(?:modules\/[^/]+|[^/]+))/.exec(url);
  return own ? own[1] : url;
}

const { values: options, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '15' }, last: { type: 'string' } } });
const [file] = positionals;
if (!file) throw new Error('usage: profile-summary <file.cpuprofile> [--top 15] [--last <seconds>]');
const top = Number(options.top);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const nodeById = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMicros = new Map<number, number>();
// Sample times count back from the end, so --last needs no start time.
const since = options.last === undefined ? -Infinity : -Number(options.last) * 1e6;
let time = -profile.timeDeltas.reduce((sum, delta) => sum + delta, 0);
profile.samples.forEach((id, i) => {
  time += profile.timeDeltas[i] ?? 0;
  if (time >= since) selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...selfMicros.values()].reduce((sum, value) => sum + value, 0);
const idle = [...selfMicros].filter(([id]) => nodeById.get(id)!.callFrame.functionName === '(idle)').reduce((sum, [, value]) => sum + value, 0);
const busy = total - idle;

const byArea = new Map<string, number>();
const byFunction = new Map<string, number>();
for (const [id, micros] of selfMicros) {
  const { functionName, url, lineNumber } = nodeById.get(id)!.callFrame;
  if (functionName === '(idle)') continue;
  const area = areaOf(url, functionName);
  byArea.set(area, (byArea.get(area) ?? 0) + micros);
  const name = `${functionName || '(anonymous)'} ${area}${url ? `:${lineNumber + 1}` : ''}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
}

const share = (micros: number) => `${((100 * micros) / busy).toFixed(1).padStart(5)} %`;
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (shares below are of busy time)`);
console.log('\nself time by area:');
for (const [area, micros] of [...byArea].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${share(micros)}  ${area}`);
console.log('\nfunctions with the most self time:');
for (const [name, micros] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${share(micros)}  ${name}`);
