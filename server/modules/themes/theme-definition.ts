import { themeById, type Theme as EngineTheme, type ThemePart } from '../../engine/music/index.js';
import { BadUserInputError } from '../../errors.js';
import type { ThemeCommand } from './theme.model.js';

type Definition = Omit<EngineTheme, 'id'>;

/**
 * The engine's theme data from an input laid over a starting point (a built-in theme for a new
 * theme, the stored one for an update), checked as a whole: rules that span fields get the same
 * precise messages as single-field ones, all reported at once.
 */
export function buildDefinition(input: ThemeCommand, start: Definition): Definition {
  const base = input.basedOn ? withoutId(themeById(input.basedOn)!) : start;
  const parts: ThemePart[] = input.instruments ? input.instruments.map((instrument) => ({ role: instrument.role, name: instrument.name.trim(), program: instrument.program })) : base.parts;
  const drumPattern = input.drumPattern !== undefined ? input.drumPattern : parts.some((p) => p.role === 'DRUMS') ? base.drumPattern : null;
  const definition: Definition = {
    ...base,
    name: input.name?.trim() ?? base.name,
    description: input.description?.trim() ?? base.description,
    tempoRange: { min: input.tempoMin ?? base.tempoRange.min, max: input.tempoMax ?? base.tempoRange.max },
    scales: (input.scales as Definition['scales'] | undefined) ?? base.scales,
    parts,
    density: input.density ?? base.density,
    swing: input.swing ?? base.swing,
    humanize: input.humanize ?? base.humanize,
    dynamics: { base: input.dynamicsBase ?? base.dynamics.base, range: input.dynamicsRange ?? base.dynamics.range },
    drumPattern,
    mapping: input.mapping ? { key: input.mapping.key, tempo: input.mapping.tempo, mode: input.mapping.mode } : base.mapping,
  };
  const problems = problemsOf(definition);
  if (problems.length > 0) throw new BadUserInputError(problems.join('; '), { invalidFields: problems.map((message) => ({ message })) });
  return definition;
}

function problemsOf(theme: Definition): string[] {
  const problems: string[] = [];
  if (theme.tempoRange.min >= theme.tempoRange.max) {
    problems.push(`the tempo range is inverted or empty: tempoMin (${theme.tempoRange.min}) must be below tempoMax (${theme.tempoRange.max})`);
  }
  if (new Set(theme.scales).size !== theme.scales.length) problems.push('scales lists a scale twice');
  const roles = theme.parts.map((part) => part.role);
  if (roles.filter((role) => role === 'MELODY').length !== 1) problems.push('instruments needs exactly one MELODY part');
  if (new Set(roles).size !== roles.length) problems.push('instruments has two parts with the same role');
  const hasDrums = roles.includes('DRUMS');
  if (hasDrums && !theme.drumPattern) problems.push('a DRUMS part needs a drumPattern');
  if (!hasDrums && theme.drumPattern) problems.push('drumPattern needs a DRUMS part in instruments');
  if (theme.dynamics.base + theme.dynamics.range > 127) {
    problems.push(`dynamicsBase + dynamicsRange must be at most 127 (MIDI's loudest), got ${theme.dynamics.base + theme.dynamics.range}`);
  }
  return problems;
}

export function withoutId(theme: EngineTheme): Definition {
  const { id: _id, ...definition } = theme;
  return definition;
}
