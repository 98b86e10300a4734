/** Public data shapes of the music engine. Everything here is plain, JSON-serialisable data. */

export interface FlightAirport {
  /** IATA if present else ICAO, e.g. "JFK". */
  code: string;
  name: string;
  city: string;
  country: string;
  latitude: number;
  longitude: number;
  altitudeFt: number;
  /** tz name, e.g. "America/New_York". */
  timezone: string | null;
  /** e.g. -5 */
  utcOffsetHours: number | null;
  /** Number of distinct destinations served from this airport (0..~240). */
  hubDegree: number;
}

export interface FlightLeg {
  origin: FlightAirport;
  destination: FlightAirport;
  distanceKm: number;
  /** 0 when the leg is not a real route (journeys). */
  airlineCount: number;
}

export type FlightKind = 'ROUTE' | 'PATH' | 'JOURNEY';

/** 1..19 legs. */
export interface Flight {
  kind: FlightKind;
  legs: FlightLeg[];
}

export type ScaleName = 'MAJOR' | 'NATURAL_MINOR' | 'HARMONIC_MINOR' | 'DORIAN' | 'PHRYGIAN' | 'LYDIAN' | 'MIXOLYDIAN' | 'MAJOR_PENTATONIC' | 'MINOR_PENTATONIC' | 'BLUES';

export type PitchClassName = 'C' | 'C#' | 'D' | 'D#' | 'E' | 'F' | 'F#' | 'G' | 'G#' | 'A' | 'A#' | 'B';

/** A note name as musicians spell it: a letter and at most one sharp or flat ("Bb", "F#", "Cb"). */
export type NoteName = `${'C' | 'D' | 'E' | 'F' | 'G' | 'A' | 'B'}${'' | '#' | 'b'}`;

export type TrackRole = 'MELODY' | 'HARMONY' | 'BASS' | 'DRUMS';

export interface ThemePart {
  role: TrackRole;
  name: string;
  /** General MIDI program 0-127 (for DRUMS: the GM2/GS drum kit number, played on channel index 9). */
  program: number;
  /** The part sits out sections around airports with fewer destinations than this (default 0). Melody always plays. */
  minHubDegree?: number;
  /** Channel volume, CC7 0-127 (default 100). */
  volume?: number;
  /** Stereo position, CC10 0-127 (default 64 = centre). */
  pan?: number;
}

/**
 * How the harmony part voices chords: TRIADS (four voices, root doubled), SEVENTHS (four-note
 * seventh chords, used for jazz-like styles) or POWER (root, fifth, octave: distorted guitars).
 */
export type HarmonyStyle = 'TRIADS' | 'SEVENTHS' | 'POWER';

/**
 * How periods (eight-bar tunes) follow each other: AABA (song form), ABAC, VERSE_CHORUS
 * (verse and chorus alternate, ending on the chorus) or THEME_AND_VARIATIONS (the first period
 * returns varied each time). Earlier material comes back in all of them.
 */
export type MelodicForm = 'AABA' | 'ABAC' | 'VERSE_CHORUS' | 'THEME_AND_VARIATIONS';

/**
 * A bar pattern is a 16-character string, one character per sixteenth note of a 4/4 bar.
 * Melody and cadence rhythms: `x` starts a note, `-` holds whatever came before (note or rest), `.` starts a rest.
 * Comping: `x` strikes the whole chord, `0`-`3` strikes one voice of it (lowest = 0), `-` holds, `.` rests.
 * Bass: `R` root, `F` fifth, `T` third, `O` octave above the root, `A` approach tone into the next bar's root,
 * `-` holds, `.` rests.
 */
export type BarPattern = string;

export interface Theme {
  id: string;
  name: string;
  description: string;
  /** BPM. The distance-derived tempo (70-140) is rescaled into this range. */
  tempoRange: { min: number; max: number };
  /** Allowed scales, in order of preference; latitude and heading pick among them. */
  scales: ScaleName[];
  parts: ThemePart[];
  /** 0..1 tendency to busy rhythms (before airport hub size scales it). */
  density: number;
  /** 0..0.5: how far off-beat eighths are delayed, as a fraction of an eighth (0.33 = triplet swing). */
  swing: number;
  /** 0..1 deterministic timing/velocity jitter. */
  humanize: number;
  /** MIDI velocities: phrase arcs move between base and base + range. */
  dynamics: { base: number; range: number };
  /** Id of a rhythm pattern in DRUM_PATTERNS, null = no drums. */
  drumPattern: string | null;
  /** Form of the melody; absent means AABA. */
  form?: MelodicForm;
  /**
   * One-bar melody rhythm cells (see BarPattern); busier cells are picked when density is higher.
   * Their most common note length is the theme's pulse, the value a listener taps along to.
   */
  melodyRhythms: BarPattern[];
  /** One-bar rhythms for bars that land a cadence; each must start a note on the downbeat. */
  cadenceRhythms: BarPattern[];
  comping: { sparse: BarPattern; busy: BarPattern };
  bassline: { sparse: BarPattern; busy: BarPattern };
  harmony: HarmonyStyle;
  /** Centre MIDI pitch of the melody before latitude shifts it (e.g. 72 = C5). */
  melodyRegister: number;
  /** Reverb send, CC91 0-127. */
  reverb: number;
  /** Which flight feature drives key, tempo and mode; absent means the defaults (heading, distance, latitude). */
  mapping?: ThemeMapping;
}

/** Where the home key comes from: the initial heading (default), the origin's longitude, or the mean latitude. */
export type KeyDriver = 'HEADING' | 'LONGITUDE' | 'LATITUDE';
/** What sets the tempo: the distance (default; short = fast), the busiest airport's size (busy = fast), or the highest airport. */
export type TempoDriver = 'DISTANCE' | 'HUB_SIZE' | 'ALTITUDE';
/** What sets the mode's brightness: latitude and direction (default), or the heading alone (east = bright). */
export type ModeDriver = 'LATITUDE' | 'HEADING';

export interface ThemeMapping {
  key: KeyDriver;
  tempo: TempoDriver;
  mode: ModeDriver;
}

export interface ComposeOptions {
  theme: Theme;
  /** Any spelling is accepted ("A#" or "Bb"); the score spells keys its own way (see Score.keyRoot). */
  keyRoot?: NoteName;
  scale?: ScaleName;
  tempoBpm?: number;
  /** Target length in seconds, 10..300; default derived from distance. */
  durationSeconds?: number;
  /** Integer >= 0, default 0: a different take of the same flight. */
  variation?: number;
}

/** start/duration in seconds. */
export interface ScoreNote {
  pitch: number;
  velocity: number;
  startTicks: number;
  durationTicks: number;
  start: number;
  duration: number;
}

export interface ScoreTrack {
  name: string;
  role: TrackRole;
  program: number;
  /** 0-based; drums 9. */
  channel: number;
  notes: ScoreNote[];
  /** Mix written as CC7/CC10 (0-127); absent = 100 / 64. */
  volume?: number;
  pan?: number;
}

/** startBar is 0-based. */
export interface ScoreSection {
  name: string;
  startSeconds: number;
  endSeconds: number;
  startBar: number;
  bars: number;
  legIndex: number;
  /** Spelled on the side of the piece's key signature: a flat piece's centres are flats too. */
  keyRoot: NoteName;
  scale: ScaleName;
}

/** One entry per bar; bar is 0-based. */
export interface ScoreChord {
  bar: number;
  startSeconds: number;
  /** e.g. "Dm7", "G" */
  symbol: string;
  /** e.g. "ii7" */
  roman: string;
}

export interface Score {
  seed: number;
  themeId: string;
  ppq: 480;
  tempoBpm: number;
  /** Spelled as musicians write the key: fewer accidentals wins (Bb minor, not A# minor; Eb, not D#). */
  keyRoot: NoteName;
  scale: ScaleName;
  timeSignature: [number, number];
  durationSeconds: number;
  totalTicks: number;
  sections: ScoreSection[];
  chords: ScoreChord[];
  tracks: ScoreTrack[];
  /** Airport codes in order. */
  airports: string[];
  /** Reverb send written as CC91 on every part (0-127); absent = 48. */
  reverb?: number;
}
