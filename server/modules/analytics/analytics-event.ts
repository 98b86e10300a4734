import { createHash } from 'node:crypto';

export const actorOfUser = (userId: number): string => `user:${userId}`;

/** Anonymous listeners are keyed by address; only a hash of the key goes into analytics. */
export const actorOfListener = (listener: string): string => (listener.startsWith('user:') ? listener : `anon:${createHash('sha256').update(listener).digest('hex').slice(0, 32)}`);

/** Facts about music and contests; `weight` is -1 for the events that undo another (unlike, retracted vote). */
export const MUSIC_EVENT_KINDS = [
  'COMPOSITION_CREATED',
  'COMPOSITION_PLAYED',
  'COMPOSITION_LIKED',
  'COMPOSITION_UNLIKED',
  'COMPOSITION_REMIXED',
  'CONTEST_ENTRY',
  'CONTEST_VOTE',
  'CONTEST_VOTE_RETRACTED',
] as const;

export type MusicEventKind = (typeof MUSIC_EVENT_KINDS)[number];

const NEGATIVE_KINDS: ReadonlySet<MusicEventKind> = new Set(['COMPOSITION_UNLIKED', 'CONTEST_VOTE_RETRACTED']);

export function weightOf(kind: MusicEventKind): number {
  return NEGATIVE_KINDS.has(kind) ? -1 : 1;
}

export interface MusicFact {
  kind: MusicEventKind;
  /** Who did it: a user id, or an opaque listener key for anonymous plays. Only ever counted, never shown. */
  actor: string;
  compositionId?: number | null;
  themeId?: string | null;
  keyRoot?: string | null;
  scale?: string | null;
  tempoBpm?: number | null;
  contestId?: number | null;
  entryId?: number | null;
}

export interface ApiRequestFact {
  kind: 'API_REQUEST';
  /** The operation's name, or its type and first root field when it has none (`query.routes`). */
  operation: string;
  /** The partner whose API key made the request; null for every other request. */
  partnerId: number | null;
  latencyMs: number;
  cacheHit: boolean;
  ok: boolean;
}

export type AnalyticsFact = MusicFact | ApiRequestFact;

/** A fact as it travels through the stream: a unique id makes replaying it harmless. */
export type AnalyticsEvent = AnalyticsFact & { id: string; at: number };

/** A day: a request recorded as taking longer (or less than nothing) is not one this server measured. */
const MAX_LATENCY_MS = 86_400_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MUSIC_KIND_SET: ReadonlySet<string> = new Set(MUSIC_EVENT_KINDS);

const optionalInteger = (value: unknown) => value === undefined || value === null || Number.isInteger(value);
const optionalString = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.length <= 200);

/** One event as parsed from JSON, or null when it is not one this version understands. */
export function decodeEvent(value: unknown): AnalyticsEvent | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const event = value as Record<string, unknown>;
  if (typeof event.id !== 'string' || !UUID.test(event.id) || typeof event.at !== 'number' || !Number.isFinite(event.at)) return null;
  if (event.kind === 'API_REQUEST') {
    const ok =
      typeof event.operation === 'string' &&
      event.operation.length <= 200 &&
      optionalInteger(event.partnerId) &&
      typeof event.latencyMs === 'number' &&
      Number.isFinite(event.latencyMs) &&
      event.latencyMs >= 0 &&
      event.latencyMs <= MAX_LATENCY_MS &&
      typeof event.cacheHit === 'boolean' &&
      typeof event.ok === 'boolean';
    return ok ? (event as unknown as AnalyticsEvent) : null;
  }
  if (typeof event.kind !== 'string' || !MUSIC_KIND_SET.has(event.kind) || typeof event.actor !== 'string') return null;
  const ok =
    optionalInteger(event.compositionId) &&
    optionalInteger(event.contestId) &&
    optionalInteger(event.entryId) &&
    optionalString(event.themeId) &&
    optionalString(event.keyRoot) &&
    optionalString(event.scale) &&
    (event.tempoBpm === undefined || event.tempoBpm === null || (typeof event.tempoBpm === 'number' && Number.isFinite(event.tempoBpm)));
  return ok ? (event as unknown as AnalyticsEvent) : null;
}

/**
 * The events in one stream entry (a JSON array: the publisher sends events in batches, one entry
 * per batch, which keeps Redis work per event small) and how many of them were not understood.
 */
export function decodeEntry(text: string): { events: AnalyticsEvent[]; unreadable: number } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { events: [], unreadable: 1 };
  }
  if (!Array.isArray(value)) return { events: [], unreadable: 1 };
  const events: AnalyticsEvent[] = [];
  let unreadable = 0;
  for (const item of value) {
    const event = decodeEvent(item);
    if (event) events.push(event);
    else unreadable += 1;
  }
  return { events, unreadable };
}
