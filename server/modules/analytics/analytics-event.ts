import { createHash } from 'node:crypto';

export const actorOfUser = (userId: number): string => `user:${userId}`;

/** Anonymous listeners are keyed by address; only a hash of the key goes into analytics. */
export const actorOfListener = (listener: string): string =>
  listener.startsWith('user:') ? listener : `anon:${createHash('sha256').update(listener).digest('hex').slice(0, 32)}`;

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MUSIC_KIND_SET: ReadonlySet<string> = new Set(MUSIC_EVENT_KINDS);

const optionalInteger = (value: unknown) => value === undefined || value === null || Number.isInteger(value);
const optionalString = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.length <= 200);

/** The event in one stream entry, or null when the entry is not one this version understands. */
export function decodeEvent(text: string): AnalyticsEvent | null {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  if (typeof value.id !== 'string' || !UUID.test(value.id) || typeof value.at !== 'number' || !Number.isFinite(value.at)) return null;
  if (value.kind === 'API_REQUEST') {
    const ok =
      typeof value.operation === 'string' &&
      value.operation.length <= 200 &&
      optionalInteger(value.partnerId) &&
      typeof value.latencyMs === 'number' &&
      Number.isFinite(value.latencyMs) &&
      typeof value.cacheHit === 'boolean' &&
      typeof value.ok === 'boolean';
    return ok ? (value as unknown as AnalyticsEvent) : null;
  }
  if (typeof value.kind !== 'string' || !MUSIC_KIND_SET.has(value.kind) || typeof value.actor !== 'string') return null;
  const ok =
    optionalInteger(value.compositionId) &&
    optionalInteger(value.contestId) &&
    optionalInteger(value.entryId) &&
    optionalString(value.themeId) &&
    optionalString(value.keyRoot) &&
    optionalString(value.scale) &&
    (value.tempoBpm === undefined || value.tempoBpm === null || (typeof value.tempoBpm === 'number' && Number.isFinite(value.tempoBpm)));
  return ok ? (value as unknown as AnalyticsEvent) : null;
}
