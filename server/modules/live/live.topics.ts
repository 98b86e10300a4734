import type { LiveEvent } from '../../engine/live/schedule.js';

export interface LivePiecePayload {
  /** The piece's ref (a saved row id or a preview token); the GraphQL layer makes it a global id. */
  compositionId: string;
  title: string;
  airports: string[];
  theme: string;
  tempoBpm: number;
  key: string;
  scale: string;
  durationSeconds: number;
  startsAt: number;
}

/** What the LiveBatch type reads; plain JSON, so one radio window is serialised once for Redis. */
export interface LiveBatchPayload {
  turn: number;
  sequence: number;
  startSeconds: number;
  lookaheadSeconds: number;
  piece: LivePiecePayload;
  events: (Omit<LiveEvent, 'keyRoot'> & { key?: string; soundsAt: number })[];
}

/** Radio windows, published by a channel's one generator to every instance: `aero-melody:radio:<CHANNEL>`. */
export const RADIO_TOPIC = 'aero-melody:radio';

export type RadioTopics = { [RADIO_TOPIC]: [string, LiveBatchPayload] };
