/**
 * The one mapping between what a piece's row stores, the parameters that determine the piece and
 * the engine's compose options. Saved pieces, previews, edits, remixes and the similarity index
 * all go through it, so a new musical choice is added here once. Pure: no I/O.
 */
import type { ComposeOptions, FlightKind, PitchClassName, ScaleName, Theme } from '../../engine/music/index.js';

/** Everything that determines a piece: the same parameters always give the same notes and bytes. */
export interface CompositionParameters {
  kind: FlightKind;
  airports: string[];
  themeId: string;
  keyRoot: PitchClassName | null;
  scale: ScaleName | null;
  tempoBpm: number | null;
  durationSeconds: number | null;
  variation: number;
  title: string | null;
}

/** The musical choices; null leaves the choice to the engine (it follows the flight). */
export type MusicalChoices = Pick<CompositionParameters, 'keyRoot' | 'scale' | 'tempoBpm' | 'durationSeconds' | 'variation'>;

/** The choices as a row stores them: what was asked for, not what the engine then picked. */
export interface StoredChoices {
  requestedKeyRoot: string | null;
  requestedScale: string | null;
  requestedTempoBpm: number | null;
  requestedDurationSeconds: number | null;
  variation: number;
}

export interface StoredPiece extends StoredChoices {
  kind: string;
  airportCodes: string;
  themeId: string;
  title: string;
}

export function choicesOfRow(row: StoredChoices): MusicalChoices {
  return {
    keyRoot: row.requestedKeyRoot as PitchClassName | null,
    scale: row.requestedScale as ScaleName | null,
    tempoBpm: row.requestedTempoBpm,
    durationSeconds: row.requestedDurationSeconds,
    variation: row.variation,
  };
}

export function parametersOfRow(row: StoredPiece): CompositionParameters {
  return { kind: row.kind as FlightKind, airports: row.airportCodes.split(' '), themeId: row.themeId, title: row.title, ...choicesOfRow(row) };
}

export function composeOptionsOf(theme: Theme, choices: MusicalChoices): ComposeOptions {
  return {
    theme,
    keyRoot: choices.keyRoot ?? undefined,
    scale: choices.scale ?? undefined,
    tempoBpm: choices.tempoBpm ?? undefined,
    durationSeconds: choices.durationSeconds ?? undefined,
    variation: choices.variation,
  };
}

/** The musical choices and the title, shared by a request for a new piece and a change to a saved one. */
export interface PieceChoices {
  theme?: string;
  keyRoot?: string;
  scale?: string;
  tempoBpm?: number;
  durationSeconds?: number;
  variation?: number;
  title?: string;
}

/** A remix or a change to a saved piece, in the shape of GraphQL's RemixInput and CompositionPatch: what is left out stays as the original has it. */
export interface PieceChanges extends PieceChoices {
  visibility?: 'PUBLIC' | 'UNLISTED' | 'PRIVATE';
  license?: 'CC_BY_4_0' | 'CC_BY_NC_4_0' | 'ALL_RIGHTS_RESERVED';
}

/** A request for a piece in the shape of GraphQL's ComposeInput: the flight and the choices. */
export interface PieceRequest extends PieceChoices {
  route?: { from: string; to: string };
  path?: string[];
  journey?: string[];
}

export function pieceRequestOf(parameters: CompositionParameters): PieceRequest {
  const { kind, airports } = parameters;
  return {
    ...(kind === 'ROUTE' ? { route: { from: airports[0], to: airports[1] } } : kind === 'PATH' ? { path: airports } : { journey: airports }),
    theme: parameters.themeId,
    keyRoot: parameters.keyRoot ?? undefined,
    scale: parameters.scale ?? undefined,
    tempoBpm: parameters.tempoBpm ?? undefined,
    durationSeconds: parameters.durationSeconds ?? undefined,
    variation: parameters.variation,
    title: parameters.title ?? undefined,
  };
}
