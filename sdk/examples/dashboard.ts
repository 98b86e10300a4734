/**
 * A partner dashboard: your API usage and the network and music figures, with an API key only.
 *
 *   AERO_MELODY_URL=https://api.example.com/graphql AERO_MELODY_API_KEY=am_... node dashboard.js
 */
import { pathToFileURL } from 'node:url';
import { createAeroMelodyClient } from '@aero-melody/sdk';

export interface Dashboard {
  requests: number;
  errorCount: number;
  p95LatencyMs: number | null;
  topOperations: { operation: string; requests: number }[];
  topHubs: { airport: string; destinations: number }[];
  themes: { theme: string; pieces: number | null }[];
  csvUrl: string;
  report: string;
}

export async function dashboard(options: { url: string; apiKey: string; days?: number }): Promise<Dashboard> {
  const client = createAeroMelodyClient({ url: options.url, apiKey: options.apiKey });
  const from = new Date(Date.now() - (options.days ?? 7) * 86_400_000).toISOString();
  const [{ analytics: usage }, { analytics: network }, { analytics: music }] = await Promise.all([
    client.partnerUsage({ from, granularity: 'DAY', first: 5 }),
    client.networkAnalytics({ first: 5 }),
    client.musicAnalytics({ from, first: 5 }),
  ]);
  const result = {
    requests: usage.usage.requests,
    errorCount: usage.usage.errorCount,
    p95LatencyMs: usage.usage.p95LatencyMs,
    topOperations: usage.usage.topOperations.map(({ operation, requests }) => ({ operation, requests })),
    topHubs: network.network.topHubs.map((hub) => ({ airport: hub.airport.iata ?? hub.airport.name, destinations: hub.destinationCount })),
    themes: music.music.compositionsByTheme.map((figure) => ({ theme: figure.theme.name, pieces: figure.count })),
    csvUrl: new URL(usage.usage.csvUrl, options.url).href,
  };
  const report = [
    `Requests: ${result.requests} (${result.errorCount} errors, p95 ${result.p95LatencyMs ?? '-'} ms)`,
    `Top operations: ${result.topOperations.map((o) => `${o.operation} ${o.requests}`).join(', ') || '-'}`,
    `Top hubs: ${result.topHubs.map((h) => `${h.airport} ${h.destinations}`).join(', ')}`,
    `Themes: ${result.themes.map((t) => `${t.theme} ${t.pieces ?? 'withheld'}`).join(', ') || '-'}`,
    `Download: ${result.csvUrl}`,
  ].join('\n');
  return { ...result, report };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const apiKey = process.env.AERO_MELODY_API_KEY;
  if (!apiKey) throw new Error('Set AERO_MELODY_API_KEY (create one with the createApiKey mutation)');
  console.log((await dashboard({ url: process.env.AERO_MELODY_URL ?? 'http://localhost:4000/graphql', apiKey })).report);
}
