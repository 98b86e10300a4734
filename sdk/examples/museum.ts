/**
 * A museum's departures radio screen: what plays on an airport's channel, note by note, on the
 * visitors' clock.
 *
 *   AERO_MELODY_URL=https://api.example.com/graphql node museum.js LHR
 *
 * `client.liveRadio(channel)` streams batches of events; `createLiveClock` turns each event's
 * `soundsAt` (server time) into a delay on this machine's clock, so the screen (and a synthesizer)
 * shows the note when every other listener hears it.
 */
import { pathToFileURL } from 'node:url';
import { createAeroMelodyClient, createLiveClock } from '@aero-melody/sdk';

export interface ScreenLine {
  /** When the line is due on this machine's clock (epoch ms). */
  showAt: number;
  text: string;
}

export async function radioScreen(options: {
  url: string;
  channel: string;
  /** How many batches to show (default: forever). */
  batches?: number;
  show?: (line: ScreenLine) => void;
  signal?: AbortSignal;
}): Promise<{ lines: ScreenLine[]; clockOffsetMs: number }> {
  const client = createAeroMelodyClient({ url: options.url });
  const clock = createLiveClock();
  const lines: ScreenLine[] = [];
  const show = (line: ScreenLine) => {
    lines.push(line);
    options.show?.(line);
  };
  let received = 0;
  let turn: number | undefined;
  try {
    for await (const batch of client.liveRadio(options.channel, { signal: options.signal })) {
      clock.observe(batch);
      // A new piece, or the one playing when the screen switched on (a late listener joins mid-piece).
      if (batch.turn !== turn) {
        turn = batch.turn;
        const startsAt = batch.piece.startsAt + batch.startSeconds * 1000;
        show({ showAt: clock.localTime(startsAt), text: `Now playing: ${batch.piece.title} (${batch.piece.airports.join(' → ')})` });
      }
      for (const event of batch.events) {
        const showAt = clock.localTime(event.soundsAt);
        if (event.kind === 'SECTION') show({ showAt, text: `  ${event.section} in ${event.key} ${event.scale}` });
        if (event.kind === 'CHORD') show({ showAt, text: `  ${event.chord}` });
      }
      if (++received === options.batches) break;
    }
  } finally {
    await client.dispose();
  }
  return { lines, clockOffsetMs: clock.offsetMs };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const channel = process.argv[2] ?? 'LHR';
  await radioScreen({
    url: process.env.AERO_MELODY_URL ?? 'http://localhost:4000/graphql',
    channel,
    show: (line) => setTimeout(() => console.log(line.text), Math.max(0, line.showAt - Date.now())),
  });
}
