import { BUILT_IN_THEMES, themeById, type Theme as EngineTheme } from '../../engine/music/index.js';
import { instrumentName } from '../../engine/music/general-midi.js';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../errors.js';
import type { VisibilityValue } from '../compositions/composition.repo.js';
import type { Viewer } from '../users/tokens.js';
import { buildDefinition, withoutId } from './theme-definition.js';
import type { ThemeCommand, ThemeScopeValue, ThemeView } from './theme.model.js';
import type { CustomThemeRow, ThemeRepo } from './theme.repo.js';

const BUILT_IN_IDS = new Set(BUILT_IN_THEMES.map((theme) => theme.id));
const CUSTOM_PREFIX = 'custom-';
const GALLERY_SIZE = 100;

export function toThemeView(theme: EngineTheme, meta: { ownerId: number | null; visibility: VisibilityValue; usageCount: number } = { ownerId: null, visibility: 'PUBLIC', usageCount: 0 }): ThemeView {
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
    humanize: theme.humanize,
    dynamicsBase: theme.dynamics.base,
    dynamicsRange: theme.dynamics.range,
    drumPattern: theme.drumPattern,
    mapping: theme.mapping ?? { key: 'HEADING', tempo: 'DISTANCE', mode: 'LATITUDE' },
    hasDrums: theme.drumPattern !== null && theme.parts.some((part) => part.role === 'DRUMS'),
    builtIn: BUILT_IN_IDS.has(theme.id),
    ...meta,
  };
}

const customId = (row: CustomThemeRow): string => `${CUSTOM_PREFIX}${row.id}`;

function engineThemeOf(row: CustomThemeRow): EngineTheme {
  return { ...(row.definition as Omit<EngineTheme, 'id'>), id: customId(row) };
}

function viewOf(row: CustomThemeRow): ThemeView {
  return toThemeView(engineThemeOf(row), { ownerId: row.ownerId, visibility: row.visibility, usageCount: row.usageCount });
}

/** Private themes are their owner's; public and unlisted ones anyone's who has the id. */
const mayUse = (row: CustomThemeRow, viewer: Viewer | null): boolean => row.visibility !== 'PRIVATE' || row.ownerId === viewer?.id;

export class ThemeService {
  constructor(private readonly repo: ThemeRepo) {}

  private async customRow(id: string): Promise<CustomThemeRow | null> {
    const match = new RegExp(`^${CUSTOM_PREFIX}(\\d{1,10})$`).exec(id);
    return match ? this.repo.findById(Number(match[1])) : null;
  }

  async list(scope: ThemeScopeValue, viewer: Viewer | null): Promise<ThemeView[]> {
    const builtIn = scope === 'ALL' || scope === 'BUILT_IN' ? BUILT_IN_THEMES.map((theme) => toThemeView(theme)) : [];
    const gallery = scope === 'ALL' || scope === 'GALLERY' ? (await this.repo.gallery(GALLERY_SIZE)).map(viewOf) : [];
    const mine = viewer && (scope === 'ALL' || scope === 'MINE') ? (await this.repo.ownedBy(viewer.id)).map(viewOf) : [];
    const seen = new Set<string>();
    return [...builtIn, ...gallery, ...mine].filter((theme) => !seen.has(theme.id) && seen.add(theme.id));
  }

  /** Whether `id` has the shape of a theme id: a built-in theme's, or `custom-<n>`. */
  isThemeId(id: string): boolean {
    return BUILT_IN_IDS.has(id) || new RegExp(`^${CUSTOM_PREFIX}\\d{1,10}$`).test(id);
  }

  async byId(id: string, viewer: Viewer | null): Promise<ThemeView | null> {
    const builtIn = themeById(id);
    if (builtIn) return toThemeView(builtIn);
    const row = await this.customRow(id);
    return row && mayUse(row, viewer) ? viewOf(row) : null;
  }

  /** The engine theme to compose with: a built-in one, or a custom one the viewer may use. */
  async resolve(id: string, viewer: Viewer | null): Promise<EngineTheme> {
    const builtIn = themeById(id);
    if (builtIn) return builtIn;
    const row = await this.customRow(id);
    if (row && mayUse(row, viewer)) return engineThemeOf(row);
    throw new BadUserInputError(`theme: no theme "${id}"; choose a built-in one (${BUILT_IN_THEMES.map((t) => t.id).join(', ')}) or a custom theme's id`, { argument: 'theme' });
  }

  async countUse(themeId: string): Promise<void> {
    const row = await this.customRow(themeId);
    if (row) await this.repo.countUse(row.id);
  }

  async create(input: ThemeCommand, viewer: Viewer): Promise<ThemeView> {
    if (!input.name) throw new BadUserInputError('name: a new theme needs a name');
    const definition = buildDefinition(input, withoutId(themeById(input.basedOn ?? 'classical')!));
    const row = await this.repo.insert({
      ownerId: viewer.id,
      name: definition.name,
      description: definition.description,
      visibility: input.visibility ?? 'PUBLIC',
      definition,
    });
    return viewOf(row);
  }

  private async owned(id: string, viewer: Viewer): Promise<CustomThemeRow> {
    if (themeById(id)) throw new ForbiddenError('Built-in themes cannot be changed; create your own based on it');
    const row = await this.customRow(id);
    if (!row || !mayUse(row, viewer)) throw new NotFoundError(`No theme has the id "${id}"`);
    if (row.ownerId !== viewer.id) throw new ForbiddenError('Only its creator can change or delete a theme');
    return row;
  }

  /** Compositions made with the theme keep their snapshot and keep sounding the same. */
  async update(id: string, input: ThemeCommand, viewer: Viewer): Promise<ThemeView> {
    const row = await this.owned(id, viewer);
    const definition = buildDefinition(input, row.definition as Omit<EngineTheme, 'id'>);
    return viewOf(await this.repo.update(row.id, { name: definition.name, description: definition.description, visibility: input.visibility ?? row.visibility, definition }));
  }

  async delete(id: string, viewer: Viewer): Promise<string> {
    const row = await this.owned(id, viewer);
    await this.repo.delete(row.id);
    return id;
  }
}
