/**
 * Bar patterns (16 sixteenth steps of a 4/4 bar, see BarPattern) parsed into events, and the
 * drum grooves themes refer to by id. Parsed patterns are memoised: themes are data and the same
 * few strings are read thousands of times.
 */
import type { BarPattern } from './types.js';

export const STEPS_PER_BAR = 16;

export interface PatternEvent {
  /** Sixteenth step 0-15 the event starts on. */
  step: number;
  /** Length in sixteenths (up to the next onset or rest). */
  length: number;
  /** The character that started the event (x, 0-3, R, F, T, O, A). */
  symbol: string;
}

const parsedPatterns = new Map<string, readonly PatternEvent[]>();

/** Events of one bar pattern; throws on a malformed pattern so a bad user theme fails loudly. */
export function parseBarPattern(pattern: BarPattern, onsetSymbols: string): readonly PatternEvent[] {
  const cacheKey = `${onsetSymbols}|${pattern}`;
  const cached = parsedPatterns.get(cacheKey);
  if (cached) return cached;
  if (pattern.length !== STEPS_PER_BAR) throw new RangeError(`bar pattern "${pattern}" must have ${STEPS_PER_BAR} steps`);
  const events: PatternEvent[] = [];
  let open: PatternEvent | null = null;
  for (let step = 0; step < STEPS_PER_BAR; step++) {
    const symbol = pattern[step];
    if (symbol === '-') {
      if (open) open.length++;
    } else if (symbol === '.') {
      open = null;
    } else if (onsetSymbols.includes(symbol)) {
      open = { step, length: 1, symbol };
      events.push(open);
    } else {
      throw new RangeError(`bar pattern "${pattern}" has unknown step "${symbol}" (allowed: ${onsetSymbols}-.)`);
    }
  }
  parsedPatterns.set(cacheKey, events);
  return events;
}

export const MELODY_SYMBOLS = 'x';
export const COMP_SYMBOLS = 'x0123';
export const BASS_SYMBOLS = 'RFTOA';

/** GM percussion key numbers (channel 10). */
export const DRUM = {
  KICK: 36,
  SIDE_STICK: 37,
  SNARE: 38,
  CLAP: 39,
  LOW_FLOOR_TOM: 41,
  CLOSED_HAT: 42,
  PEDAL_HAT: 44,
  LOW_TOM: 45,
  OPEN_HAT: 46,
  LOW_MID_TOM: 47,
  CRASH: 49,
  HIGH_TOM: 50,
  RIDE: 51,
  TAMBOURINE: 54,
  HIGH_BONGO: 60,
  LOW_BONGO: 61,
  OPEN_HIGH_CONGA: 63,
  LOW_CONGA: 64,
  SHAKER: 70,
  CLAVES: 75,
} as const;

/** One instrument's line in a groove: `X` accent, `x` normal hit, `g` ghost (dropped when sparse), `.` nothing. */
export interface DrumLane {
  note: number;
  steps: string;
}

export interface DrumPattern {
  id: string;
  groove: DrumLane[];
  /** Played in the last bar of a period so phrases are heard to turn over. */
  fill: DrumLane[];
  /** Struck on the first beat of every phrase; null for styles that never crash. */
  crashNote: number | null;
}

export const DRUM_PATTERNS: Readonly<Record<string, DrumPattern>> = {
  'rock-eighths': {
    id: 'rock-eighths',
    groove: [
      { note: DRUM.KICK, steps: 'X.....x.X.x.....' },
      { note: DRUM.SNARE, steps: '....X.......X..g' },
      { note: DRUM.CLOSED_HAT, steps: 'x.x.x.x.x.x.x.x.' },
    ],
    fill: [
      { note: DRUM.KICK, steps: 'X.......X.......' },
      { note: DRUM.SNARE, steps: '....x.x.....x.xX' },
      { note: DRUM.HIGH_TOM, steps: '........x.x.....' },
      { note: DRUM.LOW_MID_TOM, steps: '..x...........x.' },
      { note: DRUM.LOW_FLOOR_TOM, steps: '.............x..' },
    ],
    crashNote: DRUM.CRASH,
  },
  'four-on-the-floor': {
    id: 'four-on-the-floor',
    groove: [
      { note: DRUM.KICK, steps: 'X...X...X...X...' },
      { note: DRUM.CLAP, steps: '....X.......X...' },
      { note: DRUM.CLOSED_HAT, steps: '..x...x...x...x.' },
      { note: DRUM.SHAKER, steps: 'g.g.g.g.g.g.g.g.' },
    ],
    fill: [
      { note: DRUM.KICK, steps: 'X...X...X...X...' },
      { note: DRUM.SNARE, steps: '....x.x.x.xxxxXX' },
      { note: DRUM.OPEN_HAT, steps: '..x...x.........' },
    ],
    crashNote: DRUM.CRASH,
  },
  'jazz-ride': {
    id: 'jazz-ride',
    groove: [
      { note: DRUM.RIDE, steps: 'x...x.x.x...x.x.' },
      { note: DRUM.PEDAL_HAT, steps: '....x.......x...' },
      { note: DRUM.KICK, steps: 'g...g...g...g...' },
      { note: DRUM.SNARE, steps: '..........g.....' },
    ],
    fill: [
      { note: DRUM.RIDE, steps: 'x...x.x.........' },
      { note: DRUM.SNARE, steps: '......x.x.x.x.xX' },
      { note: DRUM.KICK, steps: 'g...........x...' },
    ],
    crashNote: null,
  },
  'boom-bap': {
    id: 'boom-bap',
    groove: [
      { note: DRUM.KICK, steps: 'X.....x...X.....' },
      { note: DRUM.SNARE, steps: '....X.......X...' },
      { note: DRUM.CLOSED_HAT, steps: 'x.x.x.x.x.x.x.xg' },
      { note: DRUM.SIDE_STICK, steps: '.........g......' },
    ],
    fill: [
      { note: DRUM.KICK, steps: 'X.....x...X.....' },
      { note: DRUM.SNARE, steps: '....X.....x.X.x.' },
      { note: DRUM.OPEN_HAT, steps: '..............x.' },
    ],
    crashNote: null,
  },
  'world-groove': {
    id: 'world-groove',
    groove: [
      { note: DRUM.CLAVES, steps: 'x..x..x...x.x...' },
      { note: DRUM.LOW_CONGA, steps: '......x.......x.' },
      { note: DRUM.OPEN_HIGH_CONGA, steps: '..x.x.....x.x...' },
      { note: DRUM.SHAKER, steps: 'xgxgxgxgxgxgxgxg' },
      { note: DRUM.KICK, steps: 'x.......x.......' },
    ],
    fill: [
      { note: DRUM.HIGH_BONGO, steps: 'x.x.x.x.xxxx....' },
      { note: DRUM.LOW_BONGO, steps: '.x.x.x.x....x.x.' },
      { note: DRUM.LOW_CONGA, steps: '............x.xX' },
      { note: DRUM.KICK, steps: 'x.......x.......' },
    ],
    crashNote: null,
  },
  'cinematic-pulse': {
    id: 'cinematic-pulse',
    groove: [
      { note: DRUM.KICK, steps: 'X.......X.......' },
      { note: DRUM.LOW_FLOOR_TOM, steps: '....x......x.x..' },
      { note: DRUM.TAMBOURINE, steps: '....g.......g...' },
    ],
    fill: [
      { note: DRUM.KICK, steps: 'X.......X.......' },
      { note: DRUM.LOW_FLOOR_TOM, steps: '....x.x.x.x.xxxx' },
      { note: DRUM.LOW_TOM, steps: '........x.x.x.x.' },
    ],
    crashNote: DRUM.CRASH,
  },
};

export interface DrumHit {
  step: number;
  note: number;
  /** 0..1 share of the drum part's dynamic range. */
  level: number;
  ghost: boolean;
}

const parsedDrumBars = new Map<string, readonly DrumHit[]>();

/** All hits of one bar of a groove or fill, in step order. */
export function drumBar(pattern: DrumPattern, fill: boolean): readonly DrumHit[] {
  const cacheKey = pattern.id + (fill ? '|fill' : '|groove');
  const cached = parsedDrumBars.get(cacheKey);
  if (cached) return cached;
  const hits: DrumHit[] = [];
  for (const lane of fill ? pattern.fill : pattern.groove) {
    if (lane.steps.length !== STEPS_PER_BAR) throw new RangeError(`drum lane "${lane.steps}" must have ${STEPS_PER_BAR} steps`);
    for (let step = 0; step < STEPS_PER_BAR; step++) {
      const symbol = lane.steps[step];
      if (symbol === 'X') hits.push({ step, note: lane.note, level: 1, ghost: false });
      else if (symbol === 'x') hits.push({ step, note: lane.note, level: 0.75, ghost: false });
      else if (symbol === 'g') hits.push({ step, note: lane.note, level: 0.4, ghost: true });
      else if (symbol !== '.') throw new RangeError(`drum lane "${lane.steps}" has unknown step "${symbol}"`);
    }
  }
  hits.sort((a, b) => a.step - b.step || a.note - b.note);
  parsedDrumBars.set(cacheKey, hits);
  return hits;
}
