import type { VisibilityValue } from '../compositions/composition.repo.js';

/** Which themes a listing holds: the values of the ThemeScope enum. */
export type ThemeScopeValue = 'ALL' | 'BUILT_IN' | 'GALLERY' | 'MINE';

export type TrackRoleValue = 'MELODY' | 'HARMONY' | 'BASS' | 'DRUMS';

/** What a new theme or an update says; every field optional, the gaps come from a starting theme. */
export interface ThemeCommand {
  name?: string;
  description?: string;
  basedOn?: string;
  tempoMin?: number;
  tempoMax?: number;
  scales?: string[];
  instruments?: { role: TrackRoleValue; name: string; program: number }[];
  density?: number;
  swing?: number;
  humanize?: number;
  dynamicsBase?: number;
  dynamicsRange?: number;
  drumPattern?: string;
  mapping?: { key: 'HEADING' | 'LONGITUDE' | 'LATITUDE'; tempo: 'DISTANCE' | 'HUB_SIZE' | 'ALTITUDE'; mode: 'LATITUDE' | 'HEADING' };
  visibility?: VisibilityValue;
}

/** A theme as the API shows it, plus who owns a custom theme. */
export interface ThemeView {
  id: string;
  name: string;
  description: string;
  tempoMin: number;
  tempoMax: number;
  scales: string[];
  instruments: { role: string; name: string; program: number; instrument: string }[];
  density: number;
  swing: number;
  hasDrums: boolean;
  builtIn: boolean;
  humanize: number;
  dynamicsBase: number;
  dynamicsRange: number;
  drumPattern: string | null;
  mapping: { key: string; tempo: string; mode: string };
  visibility: VisibilityValue;
  usageCount: number;
  ownerId: number | null;
}
