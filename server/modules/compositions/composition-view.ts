/**
 * What clients read of a piece, saved or preview, and the pure functions that make and present it:
 * a row becomes a view, a view gives its tracks, sections, chords and file name. No I/O.
 */
import { ENGINE_VERSION, encodeMidi, type Flight, type FlightKind, type Score, type Theme as EngineTheme } from '../../engine/music/index.js';
import { instrumentName } from '../../engine/music/general-midi.js';
import { composeOptionsOf, parametersOfRow, type CompositionParameters } from './composition-parameters.js';
import type { CompositionRow, LicenseValue, VisibilityValue } from './composition.repo.js';
import { renderScore, scoreSummary } from './compose-render.js';

export interface Rendering {
  score: Score;
  midi: Uint8Array;
}

/** What the Composition GraphQL type reads; saved and preview pieces look the same to clients. */
export interface CompositionView {
  /** The key in the Composition global id: the row id, or `p.` and the preview token. */
  ref: string;
  saved: boolean;
  title: string;
  kind: FlightKind;
  airports: string[];
  theme: EngineTheme;
  tempoBpm: number;
  keyRoot: string;
  scale: string;
  timeSignature: string;
  durationSeconds: number;
  variation: number;
  seed: string;
  engineVersion: string;
  createdAt: Date | null;
  ownerId: number | null;
  visibility: VisibilityValue;
  license: LicenseValue;
  version: number;
  playCount: number;
  parentId: number | null;
  attribution: string | null;
  render(): Rendering;
}

/** A preview's ref: this prefix and its token. */
export const PREVIEW_PREFIX = 'p.';

/** The row id a ref names; null for a preview's ref and for one that names nothing. */
export function savedIdOf(ref: string | null): number | null {
  return ref !== null && /^\d{1,10}$/.test(ref) ? Number(ref) : null;
}

/** The stored fields that follow from composing: the choices, the theme snapshot, the summary and the MIDI. */
export function storedRendering(theme: EngineTheme, parameters: CompositionParameters, rendering: Rendering) {
  const summary = scoreSummary(rendering.score);
  return {
    themeId: theme.id,
    themeSnapshot: theme,
    requestedKeyRoot: parameters.keyRoot,
    requestedScale: parameters.scale,
    requestedTempoBpm: parameters.tempoBpm,
    requestedDurationSeconds: parameters.durationSeconds,
    variation: parameters.variation,
    seed: rendering.score.seed,
    engineVersion: ENGINE_VERSION,
    tempoBpm: summary.tempoBpm,
    keyRoot: summary.keyRoot,
    scale: summary.scale,
    timeSignature: summary.timeSignature,
    durationSeconds: summary.durationSeconds,
    midi: rendering.midi,
  };
}

export function memoize<T>(compute: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= compute());
}

/** The MIDI at hand and the score composed only when read: a MIDI download never needs the score. */
export function lazyRendering(score: () => Score, midi: Uint8Array): Rendering {
  return {
    get score() {
      return score();
    },
    midi,
  };
}

export function defaultTitle(airports: string[], theme: EngineTheme): string {
  return `${airports.join(' → ')} (${theme.name})`;
}

/** Composes a piece here, on this thread, and encodes its MIDI. */
export function renderPiece(flight: Flight, theme: EngineTheme, parameters: CompositionParameters): Rendering {
  const score = renderScore({ flight, options: composeOptionsOf(theme, parameters) });
  return { score, midi: encodeMidi(score) };
}

/**
 * A stored piece: its MIDI is the bytes saved with it; its score is composed again from the
 * stored flight and theme snapshots, so later data imports or theme edits never change it.
 */
export function savedView(row: CompositionRow, rendering?: Rendering): CompositionView {
  const theme = row.themeSnapshot as EngineTheme;
  const flight = row.flightSnapshot as Flight;
  const parameters = parametersOfRow(row);
  const midi = new Uint8Array(row.midi);
  const score = rendering ? () => rendering.score : memoize(() => renderPiece(flight, theme, parameters).score);
  return {
    ref: String(row.id),
    saved: true,
    title: row.title,
    kind: parameters.kind,
    airports: parameters.airports,
    theme,
    tempoBpm: row.tempoBpm,
    keyRoot: row.keyRoot,
    scale: row.scale,
    timeSignature: row.timeSignature,
    durationSeconds: row.durationSeconds,
    variation: row.variation,
    seed: String(row.seed),
    engineVersion: row.engineVersion,
    createdAt: row.createdAt,
    ownerId: row.ownerId,
    visibility: row.visibility,
    license: row.license,
    version: row.version,
    playCount: row.playCount,
    parentId: row.parentId,
    attribution: row.attribution,
    render: () => lazyRendering(score, midi),
  };
}

export function tracksOf(view: CompositionView) {
  return view.render().score.tracks.map((track) => ({
    name: track.name,
    role: track.role,
    instrument: instrumentName(track.program, track.role === 'DRUMS'),
    program: track.program,
    channel: track.channel + 1,
    notes: track.notes.map((note) => ({ pitch: note.pitch, start: note.start, duration: note.duration, velocity: note.velocity })),
  }));
}

export function sectionsOf(view: CompositionView) {
  return view.render().score.sections.map((section) => ({
    name: section.name,
    leg: section.legIndex,
    startSeconds: section.startSeconds,
    endSeconds: section.endSeconds,
    startBar: section.startBar,
    bars: section.bars,
    key: section.keyRoot,
    scale: section.scale,
  }));
}

export function chordsOf(view: CompositionView) {
  return view.render().score.chords;
}

/** A file name people recognise: "jfk-lax-jazz.mid". */
export function fileNameOf(view: CompositionView): string {
  return `${[...view.airports, view.theme.id]
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '')}.mid`;
}
