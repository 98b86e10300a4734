import { BUILT_IN_THEMES, themeById, type Theme as EngineTheme } from '../../engine/music/index.js';
import { instrumentName } from '../../engine/music/general-midi.js';
import { BadUserInputError } from '../../errors.js';
import type { Theme } from './theme.type.js';

const BUILT_IN_IDS = new Set(BUILT_IN_THEMES.map((theme) => theme.id));

export function toThemeView(theme: EngineTheme): Theme {
  return {
    id: theme.id,
    name: theme.name,
    description: theme.description,
    tempoMin: theme.tempoRange.min,
    tempoMax: theme.tempoRange.max,
    scales: theme.scales,
    instruments: theme.parts.map((part) => ({
      role: part.role,
      name: part.name,
      program: part.program,
      instrument: instrumentName(part.program, part.role === 'DRUMS'),
    })),
    density: theme.density,
    swing: theme.swing,
    hasDrums: theme.drumPattern !== null && theme.parts.some((part) => part.role === 'DRUMS'),
    builtIn: BUILT_IN_IDS.has(theme.id),
  };
}

export class ThemeService {
  list(): Theme[] {
    return BUILT_IN_THEMES.map(toThemeView);
  }

  requireEngineTheme(id: string): EngineTheme {
    const theme = themeById(id);
    if (!theme) {
      throw new BadUserInputError(`theme: no theme "${id}"; choose one of ${BUILT_IN_THEMES.map((t) => t.id).join(', ')}`, { argument: 'theme' });
    }
    return theme;
  }
}
