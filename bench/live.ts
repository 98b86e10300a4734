/**
 * Live streams under load (a report, not a test): one server process (the compiled server, on the
 * configured MariaDB and Redis) and, in this process, N raw graphql-ws listeners on one departures
 * radio channel.
 *
 * - timing jitter: how late each liveComposition window reaches a listener against its scheduled
 *   send time (sounding time minus the lookahead), with the server otherwise idle;
 * - fan-out latency: from a radio window's scheduled publish time to its receipt by each of N
 *   listeners, p50 / p99 (this includes the generator's timer, Redis pub/sub, one GraphQL execution
 *   per window and the socket writes; the listeners share this process, so at high N part of the
 *   figure is the client's own event loop);
 * - memory per socket: the server's RSS growth divided by N;
 * - server CPU per window: the server's CPU time while measuring divided by the windows sent;
 * - lease losses: how often the radio generator lost its channel lease (from the server's log).
 *
 * Writes bench/results/live.json: { listeners: { "<N>": { p50Ms, p99Ms, bytesPerSocket, ... } } }.
 *
 *   node dist/bench/live.js [--listeners 1000,5000,10000] [--seconds 15] [--channel LHR]
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { PROJECT_ROOT } from '../server/paths.js';

const { values: options } = parseArgs({
  options: {
    listeners: { type: 'string', default: '1000,5000,10000' },
    seconds: { type: 'string', default: '15' },
    channel: { type: 'string', default: 'LHR' },
  },
});
const LEVELS = options.listeners.split(',').map(Number);
const SECONDS = Number(options.seconds);
const LOOKAHEAD_MS = 500;
const WINDOW_MS = 100;

const RADIO = 'subscription($channel: String!) { liveRadio(channel: $channel) { sequence startSeconds piece { startsAt } events { kind at soundsAt track channel pitch velocity duration } } }';
const LIVE = 'subscription($input: ComposeInput!) { liveComposition(input: $input) { sequence startSeconds piece { startsAt } events { kind at soundsAt pitch velocity duration } } }';

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The process's user + system CPU time in milliseconds (clock ticks of 10 ms). */
const cpuMs = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return { samples: sorted.length, p50Ms: round(percentile(sorted, 50)), p99Ms: round(percentile(sorted, 99)), maxMs: round(sorted.at(-1) ?? NaN) };
}

/** A bare graphql-transport-ws subscriber; reads only the two numbers it needs from each message. */
function subscribe(url: string, query: string, variables: Record<string, unknown>, onWindow: (lateMs: number) => void): Promise<{ socket: WebSocket; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, 'graphql-transport-ws', { perMessageDeflate: false });
    const closed = new Promise<void>((done) => socket.on('close', () => done()));
    socket.on('error', reject);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
    socket.on('message', (data: Buffer) => {
      const receivedAt = Date.now();
      // The two numbers come first in the selection: decoding the head keeps the client's cost small.
      const text = data.toString('latin1', 0, Math.min(data.length, 256));
      if (text.startsWith('{"type":"connection_ack"')) {
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables } }));
        resolve({ socket, closed });
        return;
      }
      const start = /"startSeconds":([\d.]+)/.exec(text);
      const startsAt = /"startsAt":(\d+)/.exec(text);
      if (start && startsAt) onWindow(receivedAt - (Number(startsAt[1]) + Number(start[1]) * 1000 - LOOKAHEAD_MS));
    });
  });
}

async function main() {
  const port = await freePort();
  const url = `ws://127.0.0.1:${port}/graphql`;
  const child = spawn(process.execPath, [...(process.env.LIVE_BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []), join(PROJECT_ROOT, 'dist/server/main.js')], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      RADIO_PIECE_SECONDS: '60',
      LIVE_LOOKAHEAD_MS: String(LOOKAHEAD_MS),
      LIVE_WINDOW_MS: String(WINDOW_MS),
      WS_MAX_SUBSCRIPTIONS: '10',
      WS_MAX_CONNECTIONS_PER_ADDRESS: '100000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let leaseLosses = 0;
  child.stdout!.on('data', (chunk: Buffer) => {
    leaseLosses += String(chunk).split('lost the channel lease').length - 1;
    process.stdout.write(chunk);
  });
  const command = `node dist/bench/live.js --listeners ${options.listeners} --seconds ${SECONDS} --channel ${options.channel}`;
  console.log(
    `${command} (load average ${loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')})`,
  );
  try {
    for (let attempt = 0; ; attempt++) {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.status === 200) break;
      if (attempt > 600) throw new Error('server never became ready');
      await new Promise((r) => setTimeout(r, 200));
    }
    const results: Record<string, unknown> = { node: process.version, lookaheadMs: LOOKAHEAD_MS };

    // Timing jitter, server otherwise idle: one 20-second piece.
    const lateness: number[] = [];
    const live = await subscribe(url, LIVE, { input: { route: { from: 'ZRH', to: 'LHR' }, durationSeconds: 20 } }, (late) => lateness.push(late));
    await Promise.race([live.closed, new Promise((r) => setTimeout(r, 25_000))]);
    live.socket.close();
    results.jitter = summary(lateness.slice(1));
    console.log('liveComposition window lateness vs schedule (idle server):', results.jitter);

    const baseline = rssMiB(child.pid!);
    const sockets: WebSocket[] = [];
    const fanout: Record<string, unknown>[] = [];
    const byListeners: Record<string, { p50Ms: number; p99Ms: number; bytesPerSocket: number; cpuMsPerWindow: number; leaseLosses: number }> = {};
    let samples: number[] = [];
    let measuring = false;
    let refused = 0;
    for (const level of LEVELS) {
      while (sockets.length < level) {
        const batch = Math.min(250, level - sockets.length);
        const opened = await Promise.all(Array.from({ length: batch }, () => subscribe(url, RADIO, { channel: options.channel }, (late) => measuring && samples.push(late)).catch(() => null)));
        for (const o of opened) if (o) sockets.push(o.socket);
        refused += opened.filter((o) => o === null).length;
        // An overloaded server refuses upgrades (408); report how far it got rather than stopping.
        if (refused > level / 10) break;
      }
      await new Promise((r) => setTimeout(r, 2_000));
      const rss = rssMiB(child.pid!);
      samples = [];
      const losses = leaseLosses;
      const cpuBefore = cpuMs(child.pid!);
      measuring = true;
      await new Promise((r) => setTimeout(r, SECONDS * 1_000));
      measuring = false;
      const cpuMsPerWindow = Math.round(((cpuMs(child.pid!) - cpuBefore) / ((SECONDS * 1_000) / WINDOW_MS)) * 10) / 10;
      const stats = summary(samples);
      const bytesPerSocket = Math.round(((rss - baseline) * 2 ** 20) / sockets.length);
      const row = {
        listeners: sockets.length,
        refusedConnections: refused,
        ...stats,
        serverRssMiB: Math.round(rss),
        kibPerSocket: Math.round(bytesPerSocket / 1024),
        cpuMsPerWindow,
        leaseLosses: leaseLosses - losses,
        deliveriesPerSecond: Math.round(samples.length / SECONDS),
        loadAverage: loadavg()[0],
      };
      fanout.push(row);
      byListeners[String(level)] = { p50Ms: stats.p50Ms, p99Ms: stats.p99Ms, bytesPerSocket, cpuMsPerWindow, leaseLosses: leaseLosses - losses };
      console.log('radio fan-out, scheduled publish -> receipt:', row);
    }
    results.fanout = fanout;
    results.listeners = byListeners;
    results.command = command;
    for (const socket of sockets) socket.terminate();
    mkdirSync(join(PROJECT_ROOT, 'bench/results'), { recursive: true });
    writeFileSync(join(PROJECT_ROOT, 'bench/results/live.json'), `${JSON.stringify(results, null, 2)}\n`);
  } finally {
    child.kill('SIGTERM');
  }
}

await main();
