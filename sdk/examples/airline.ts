/**
 * An airline's hub soundtrack: the music of every route from a hub, one MIDI file per route.
 *
 *   AERO_MELODY_URL=https://api.example.com/graphql node airline.js ZRH ./zrh-music
 *
 * Pages through `routes(from:)` with `client.paginate`, composes each route with
 * `previewComposition` (deterministic: the same route always gives the same piece) and writes its
 * Standard MIDI File.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAeroMelodyClient } from '@aero-melody/sdk';

export interface HubTrack {
  route: string;
  title: string;
  key: string;
  tempoBpm: number;
  durationSeconds: number;
  file: string;
}

export async function hubSoundtrack(options: { url: string; hub: string; outDir: string; theme?: string; limit?: number; accessToken?: string }): Promise<HubTrack[]> {
  const client = createAeroMelodyClient({ url: options.url, accessToken: options.accessToken });
  await mkdir(options.outDir, { recursive: true });
  const tracks: HubTrack[] = [];
  const seen = new Set<string>();
  for await (const route of client.paginate.routes({ from: options.hub }, { pageSize: 100, limit: options.limit })) {
    const destination = route.destination.iata ?? route.destination.icao!;
    // Several airlines' rows can name the same airport pair: one piece per destination.
    if (seen.has(destination)) continue;
    seen.add(destination);
    const { previewComposition: piece } = await client.previewComposition({ input: { route: { from: options.hub, to: destination }, theme: options.theme } });
    const file = join(options.outDir, `${options.hub}-${destination}.mid`);
    await writeFile(file, Buffer.from(piece.midi, 'base64'));
    tracks.push({ route: `${options.hub} → ${destination}`, title: piece.title, key: `${piece.key} ${piece.scale}`, tempoBpm: piece.tempoBpm, durationSeconds: piece.durationSeconds, file });
  }
  return tracks;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [hub = 'ZRH', outDir = `./${hub.toLowerCase()}-music`] = process.argv.slice(2);
  const tracks = await hubSoundtrack({ url: process.env.AERO_MELODY_URL ?? 'http://localhost:4000/graphql', hub, outDir });
  for (const track of tracks) console.log(`${track.route}: "${track.title}" in ${track.key}, ${track.tempoBpm} bpm -> ${track.file}`);
}
