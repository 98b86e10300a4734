export const MIN_TEMPO_BPM = 40;
export const MAX_TEMPO_BPM = 240;
export const MIN_DURATION_SECONDS = 10;
export const MAX_DURATION_SECONDS = 300;
export const MAX_VARIATION = 1_000_000;
export const MAX_JOURNEY_AIRPORTS = 20;

/** Sharps as the engine names them, plus the flats people also write. */
export const SHARP_KEYS = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'] as const;
const FLAT_TO_SHARP: Record<string, (typeof SHARP_KEYS)[number]> = { Db: 'C#', Eb: 'D#', Gb: 'F#', Ab: 'G#', Bb: 'A#' };
export const KEY_NAMES: readonly string[] = [...SHARP_KEYS, ...Object.keys(FLAT_TO_SHARP)];

export function toSharpKey(name: string): (typeof SHARP_KEYS)[number] {
  return FLAT_TO_SHARP[name] ?? (name as (typeof SHARP_KEYS)[number]);
}
