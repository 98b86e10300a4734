/** Aero Melody music engine: pure functions from a flight to a Score and a Standard MIDI File. */
export type {
  ComposeOptions,
  Flight,
  FlightAirport,
  FlightKind,
  FlightLeg,
  HarmonyStyle,
  MelodicForm,
  BarPattern,
  PitchClassName,
  NoteName,
  ScaleName,
  Score,
  ScoreChord,
  ScoreNote,
  ScoreSection,
  ScoreTrack,
  Theme,
  ThemeMapping,
  KeyDriver,
  TempoDriver,
  ModeDriver,
  ThemePart,
  TrackRole,
} from './types.js';
export { compose } from './compose.js';
export { encodeMidi } from './midi.js';
export { BUILT_IN_PROGRAMS, BUILT_IN_THEMES, themeById } from './themes.js';
export { defaultThemeIdFor } from './features.js';
export { DRUM_PATTERNS } from './patterns.js';
export type { DrumLane, DrumPattern } from './patterns.js';
export { PITCH_CLASS_NAMES, SCALE_INTERVALS, SCALE_NAMES, isDiatonic, keySignature, pitchClassOf, scaleMask } from './theory.js';

/** Bump whenever the same input would produce different notes or bytes. */
export const ENGINE_VERSION = '2.0.0';
