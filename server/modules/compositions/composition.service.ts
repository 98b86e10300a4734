import type DataLoader from 'dataloader';
import {
  ENGINE_VERSION,
  defaultThemeIdFor,
  encodeMidi,
  type ComposeOptions,
  type Flight,
  type FlightKind,
  type PitchClassName,
  type ScaleName,
  type Score,
  type Theme as EngineTheme,
} from '../../engine/music/index.js';
import { instrumentName } from '../../engine/music/general-midi.js';
import { embedComposition } from '../../engine/embeddings/index.js';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from '../../errors.js';
import type { Viewer } from '../users/tokens.js';
import { fromGlobalId, keysetPage, mapPage, type Page } from '../../graphql/relay.js';
import type { AirportRow } from '../airports/airport.repo.js';
import { validateArguments } from '../../graphql/validation.js';
import type { NetworkService } from '../network/network.service.js';
import type { ThemeService } from '../themes/theme.service.js';
import { toSharpKey } from './compose-limits.js';
import { filter, pipe, type PubSub } from '@graphql-yoga/subscription';
import type { UserRepo } from '../users/user.repo.js';
import { ComposeInput, type CompositionPatch, type RemixInput } from './composition.type.js';
import type { PlayWindows } from './play-windows.repo.js';
import type { CollaboratorRepo } from './collaborator.repo.js';
import { CompositionAccess, type Access } from './composition-access.js';
import { COMPOSITION_CHANGED, type CompositionChangedEvent, type CompositionTopics } from './composition.topics.js';
import type { CompositionRepo, CompositionRow, LicenseValue, NewComposition, VisibilityValue } from './composition.repo.js';
import { buildFlight, flightRequestOf } from './flight-builder.js';
import { LruCache } from './lru-cache.js';
import { actorOfListener, actorOfUser } from '../analytics/analytics-event.js';
import type { AnalyticsEvents } from '../analytics/analytics-events.repo.js';
import type { ComposePool } from './compose-pool.js';
import { renderScore, scoreSummary, type ScoreSummary } from './compose-render.js';

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

const PREVIEW_PREFIX = 'p.';

const LICENSE_NAMES: Record<LicenseValue, string> = {
  CC_BY_4_0: 'CC BY 4.0',
  CC_BY_NC_4_0: 'CC BY-NC 4.0',
  ALL_RIGHTS_RESERVED: 'all rights reserved',
};

/** The stored fields that follow from composing: the choices, the theme snapshot, the summary and the MIDI. */
function storedRendering(theme: EngineTheme, parameters: CompositionParameters, rendering: Rendering) {
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

function memoize<T>(compute: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= compute());
}

/** The MIDI at hand and the score composed only when read: a MIDI download never needs the score. */
function lazyRendering(score: () => Score, midi: Uint8Array): Rendering {
  return {
    get score() {
      return score();
    },
    midi,
  };
}

function defaultTitle(airports: string[], theme: EngineTheme): string {
  return `${airports.join(' → ')} (${theme.name})`;
}

function composeOptionsOf(theme: EngineTheme, parameters: CompositionParameters): ComposeOptions {
  return {
    theme,
    keyRoot: parameters.keyRoot ?? undefined,
    scale: parameters.scale ?? undefined,
    tempoBpm: parameters.tempoBpm ?? undefined,
    durationSeconds: parameters.durationSeconds ?? undefined,
    variation: parameters.variation,
  };
}

export class CompositionService {
  /** Previews are pure functions of their parameters, so a small LRU serves repeated ones. */
  private readonly previews = new LruCache<string, CompositionView>(1_000);

  constructor(
    private readonly networks: NetworkService,
    private readonly themes: ThemeService,
    private readonly repo: CompositionRepo,
    private readonly similarity: { addComposition(id: number, vector: Float32Array): void; removeComposition(id: number): void },
    private readonly events: PubSub<CompositionTopics>,
    private readonly users: UserRepo,
    private readonly plays: PlayWindows,
    private readonly access: CompositionAccess,
    private readonly collaborators: CollaboratorRepo,
    private readonly analytics: AnalyticsEvents,
    /** Composes previews off the main thread (on every core). */
    private readonly composer: ComposePool,
  ) {}

  private async parametersOf(input: ComposeInput, viewer: Viewer | null): Promise<{ parameters: CompositionParameters; flight: Flight; theme: EngineTheme }> {
    const { flight, codes } = buildFlight(flightRequestOf(input), this.networks.network);
    const theme = await this.themes.resolve(input.theme ?? defaultThemeIdFor(flight), viewer);
    return {
      flight,
      theme,
      parameters: {
        kind: flight.kind,
        airports: codes,
        themeId: theme.id,
        keyRoot: input.keyRoot === undefined ? null : toSharpKey(input.keyRoot),
        scale: (input.scale as ScaleName | undefined) ?? null,
        tempoBpm: input.tempoBpm ?? null,
        durationSeconds: input.durationSeconds ?? null,
        variation: input.variation ?? 0,
        title: input.title?.trim() || null,
      },
    };
  }

  private render(flight: Flight, theme: EngineTheme, parameters: CompositionParameters): Rendering {
    const score = renderScore({ flight, options: composeOptionsOf(theme, parameters) });
    return { score, midi: encodeMidi(score) };
  }

  /**
   * A worker composes the piece and sends back its summary and MIDI; the score itself is composed
   * again here only when a client asks for notes, sections or chords (the engine is deterministic).
   * When the caller reads the score at once (a live piece), it is composed here, once, instead.
   */
  private async previewView(token: string, parameters: CompositionParameters, flight: Flight, theme: EngineTheme, scoreNeeded: boolean): Promise<CompositionView> {
    const request = { flight, options: composeOptionsOf(theme, parameters) };
    let rendered: { summary: ScoreSummary; midi: Uint8Array; score: () => Score };
    if (scoreNeeded) {
      const composed = renderScore(request);
      rendered = { summary: scoreSummary(composed), midi: encodeMidi(composed), score: () => composed };
    } else {
      const { summary, midi } = await this.composer.render(request);
      rendered = { summary, midi, score: memoize(() => renderScore(request)) };
    }
    const { summary, midi, score } = rendered;
    return {
      ref: PREVIEW_PREFIX + token,
      saved: false,
      title: parameters.title ?? defaultTitle(parameters.airports, theme),
      kind: parameters.kind,
      airports: parameters.airports,
      theme,
      ...summary,
      variation: parameters.variation,
      engineVersion: ENGINE_VERSION,
      createdAt: null,
      ownerId: null,
      visibility: 'PUBLIC',
      license: 'CC_BY_4_0',
      version: 0,
      playCount: 0,
      parentId: null,
      attribution: null,
      render: () => lazyRendering(score, midi),
    };
  }

  /** Starts the compose workers, so the first previews find them ready. */
  startComposing(): void {
    this.composer.start();
  }

  dispose(): Promise<void> {
    return this.composer.dispose();
  }

  /** Checks the input (and access to a custom theme) every time; only the composing is cached. */
  async preview(input: ComposeInput, viewer: Viewer | null, { scoreNeeded = false }: { scoreNeeded?: boolean } = {}): Promise<CompositionView> {
    const { parameters, flight, theme } = await this.parametersOf(input, viewer);
    const token = Buffer.from(JSON.stringify(parameters)).toString('base64url');
    const cached = this.previews.get(token);
    if (cached) return cached;
    const view = await this.previewView(token, parameters, flight, theme, scoreNeeded);
    this.previews.set(token, view);
    return view;
  }

  async create(input: ComposeInput, owner: Viewer, origin?: { parentId: number; attribution: string }): Promise<CompositionView> {
    const { parameters, flight, theme } = await this.parametersOf(input, owner);
    const rendering = this.render(flight, theme, parameters);
    const row = await this.repo.insert({
      ownerId: owner.id,
      visibility: input.visibility ?? 'PUBLIC',
      license: input.license ?? 'CC_BY_4_0',
      parentId: origin?.parentId ?? null,
      attribution: origin?.attribution ?? null,
      title: parameters.title ?? defaultTitle(parameters.airports, theme),
      kind: parameters.kind,
      airportCodes: parameters.airports,
      flightSnapshot: flight,
      ...storedRendering(theme, parameters, rendering),
    });
    if (row.visibility === 'PUBLIC') this.similarity.addComposition(row.id, embedComposition(rendering.score, flight));
    await this.themes.countUse(theme.id);
    const actor = actorOfUser(owner.id);
    this.analytics.record({ kind: 'COMPOSITION_CREATED', actor, compositionId: row.id, themeId: theme.id, keyRoot: row.keyRoot, scale: row.scale, tempoBpm: row.tempoBpm });
    if (origin) this.analytics.record({ kind: 'COMPOSITION_REMIXED', actor, compositionId: origin.parentId, themeId: theme.id });
    return this.savedView(row, rendering);
  }

  /**
   * A stored piece: its MIDI is the bytes saved with it; its score is composed again from the
   * stored flight and theme snapshots, so later data imports or theme edits never change it.
   */
  savedView(row: CompositionRow, rendering?: Rendering): CompositionView {
    const theme = row.themeSnapshot as EngineTheme;
    const flight = row.flightSnapshot as Flight;
    const parameters: CompositionParameters = {
      kind: row.kind as FlightKind,
      airports: row.airportCodes.split(' '),
      themeId: row.themeId,
      keyRoot: row.requestedKeyRoot as PitchClassName | null,
      scale: row.requestedScale as ScaleName | null,
      tempoBpm: row.requestedTempoBpm,
      durationSeconds: row.requestedDurationSeconds,
      variation: row.variation,
      title: row.title,
    };
    const midi = new Uint8Array(row.midi);
    const score = rendering ? () => rendering.score : memoize(() => this.render(flight, theme, parameters).score);
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

  /**
   * A saved piece by row id or a preview by token; null when there is no such piece or the viewer
   * may not see it (a private piece answers exactly like a missing one, so none ever leaks).
   */
  async byRef(ref: string, loader: DataLoader<number, CompositionRow | null>, viewer: Viewer | null): Promise<CompositionView | null> {
    if (ref.startsWith(PREVIEW_PREFIX)) return this.previewFromToken(ref.slice(PREVIEW_PREFIX.length), viewer);
    if (!/^\d{1,10}$/.test(ref)) return null;
    const row = await loader.load(Number(ref));
    return row && (await this.access.of(row, viewer)) ? this.savedView(row) : null;
  }

  /** The saved piece behind a global id and what the viewer may do with it; NOT_FOUND if nothing. */
  /** Whether this person may see the saved piece now (it exists, and is theirs, shared with them or not PRIVATE). */
  async mayStillSee(compositionId: number, userId: number): Promise<boolean> {
    const [row] = await this.repo.findByIds([compositionId]);
    return row !== undefined && (await this.access.of(row, { id: userId })) !== null;
  }

  async rowWithAccess(globalId: string, viewer: Viewer | null): Promise<{ row: CompositionRow; access: Access }> {
    const decoded = fromGlobalId(globalId);
    if (!decoded) throw new BadUserInputError(`"${globalId.slice(0, 60)}" is not an id this API issued`);
    const id = decoded.type === 'Composition' && /^\d{1,10}$/.test(decoded.key) ? Number(decoded.key) : null;
    const [row] = id === null ? [] : await this.repo.findByIds([id]);
    const access = row ? await this.access.of(row, viewer) : null;
    if (!row || !access) throw new NotFoundError('No saved composition has this id');
    return { row, access };
  }

  /**
   * Applies a patch from the owner or an EDITOR (visibility and licence: the owner only), at the
   * version the editor saw. Musical changes compose the piece again from its flight snapshot.
   */
  async update(globalId: string, patch: CompositionPatch, expectedVersion: number, viewer: Viewer): Promise<CompositionView> {
    const { row, access } = await this.rowWithAccess(globalId, viewer);
    if (access !== 'OWNER' && access !== 'EDITOR') throw new ForbiddenError('Only the owner and editors can change this composition');
    if (access !== 'OWNER' && (patch.visibility !== undefined || patch.license !== undefined)) {
      throw new ForbiddenError('Only the owner can change visibility or licence');
    }
    const updated = await this.repo.updateAtVersion(row.id, expectedVersion, {
      title: patch.title?.trim(),
      visibility: patch.visibility,
      license: patch.license,
      ...(await this.rerendered(row, patch, viewer)),
    });
    if (updated) {
      const collaborators = await this.collaborators.list(updated.id);
      this.events.publish(COMPOSITION_CHANGED, updated.id, {
        compositionId: updated.id,
        version: updated.version,
        changedFields: Object.entries(patch).filter(([, value]) => value !== undefined).map(([field]) => field).sort(),
        authorId: viewer.id,
        ownerId: updated.ownerId,
        visibility: updated.visibility,
        collaboratorIds: collaborators.map((c) => c.userId),
      });
      const view = this.savedView(updated);
      // Only public pieces are suggested; a re-add also picks up a musical change.
      if (updated.visibility === 'PUBLIC') this.similarity.addComposition(updated.id, embedComposition(view.render().score, updated.flightSnapshot as Flight));
      else this.similarity.removeComposition(updated.id);
      return view;
    }
    const [current] = await this.repo.findByIds([row.id]);
    if (!current) throw new NotFoundError('No saved composition has this id');
    throw new ConflictError(`The composition changed since version ${expectedVersion}; it is at version ${current.version} now`, {
      currentVersion: current.version,
    });
  }

  /** The stored fields a musical patch changes, with the piece composed again; none for other patches. */
  private async rerendered(row: CompositionRow, patch: CompositionPatch, viewer: Viewer): Promise<Partial<NewComposition>> {
    const musical = ['theme', 'keyRoot', 'scale', 'tempoBpm', 'durationSeconds', 'variation'] as const;
    if (!musical.some((field) => patch[field] !== undefined)) return {};
    const theme = patch.theme === undefined ? (row.themeSnapshot as EngineTheme) : await this.themes.resolve(patch.theme, viewer);
    const parameters: CompositionParameters = {
      kind: row.kind as FlightKind,
      airports: row.airportCodes.split(' '),
      themeId: theme.id,
      keyRoot: patch.keyRoot === undefined ? (row.requestedKeyRoot as PitchClassName | null) : toSharpKey(patch.keyRoot),
      scale: (patch.scale as ScaleName | undefined) ?? (row.requestedScale as ScaleName | null),
      tempoBpm: patch.tempoBpm ?? row.requestedTempoBpm,
      durationSeconds: patch.durationSeconds ?? row.requestedDurationSeconds,
      variation: patch.variation ?? row.variation,
      title: row.title,
    };
    return storedRendering(theme, parameters, this.render(row.flightSnapshot as Flight, theme, parameters));
  }

  /**
   * The accepted changes of a saved piece, for everyone allowed to see it: checked when
   * subscribing (NOT_FOUND otherwise) and again on every change, so making a piece private stops
   * the stream for everyone but its owner.
   */
  async watch(globalId: string, viewer: Viewer | null): Promise<AsyncIterable<CompositionChangedEvent>> {
    const { row } = await this.rowWithAccess(globalId, viewer);
    return pipe(
      this.events.subscribe(COMPOSITION_CHANGED, row.id),
      filter((event: CompositionChangedEvent) => CompositionAccess.mayHear(event, viewer)),
    );
  }

  /** The piece as it is now, read past any request cache (a subscription outlives many changes). */
  async current(id: number, viewer: Viewer | null): Promise<CompositionView | null> {
    const [row] = await this.repo.findByIds([id]);
    return row && (await this.access.of(row, viewer)) ? this.savedView(row) : null;
  }

  /**
   * A new piece from another: the same flight, with the choices the remixer changes. The licence
   * decides: ALL_RIGHTS_RESERVED pieces can be remixed by their owner only. The credit to the
   * original is written into the remix, so it stays even if the original is deleted.
   */
  async remix(globalId: string, input: RemixInput, viewer: Viewer, loader: DataLoader<number, CompositionRow | null>): Promise<CompositionView> {
    const parent = await this.byGlobalId(globalId, loader, viewer);
    if (!parent?.saved) throw new NotFoundError('No saved composition has this id');
    if (parent.license === 'ALL_RIGHTS_RESERVED' && parent.ownerId !== viewer.id) {
      throw new ForbiddenError('Its licence (all rights reserved) does not allow remixes');
    }
    const [row] = await this.repo.findByIds([Number(parent.ref)]);
    const owner = row.ownerId === null ? null : await this.users.findById(row.ownerId);
    const [from, to] = parent.airports;
    const flight = row.kind === 'ROUTE' ? { route: { from, to } } : row.kind === 'PATH' ? { path: parent.airports } : { journey: parent.airports };
    const composeInput = Object.assign(new ComposeInput(), flight, {
      theme: input.theme ?? row.themeId,
      keyRoot: input.keyRoot ?? row.requestedKeyRoot ?? undefined,
      scale: input.scale ?? row.requestedScale ?? undefined,
      tempoBpm: input.tempoBpm ?? row.requestedTempoBpm ?? undefined,
      durationSeconds: input.durationSeconds ?? row.requestedDurationSeconds ?? undefined,
      variation: input.variation ?? row.variation,
      title: input.title ?? `${row.title} (remix)`.slice(0, 120),
      visibility: input.visibility,
      license: input.license ?? row.license,
    });
    const attribution = `Remix of "${row.title}" by ${owner ? owner.displayName : 'a former member'} (${LICENSE_NAMES[row.license]})`;
    return this.create(composeInput, viewer, { parentId: row.id, attribution });
  }

  async parentOf(view: CompositionView, viewer: Viewer | null, loader: DataLoader<number, CompositionRow | null>): Promise<CompositionView | null> {
    return view.parentId === null ? null : this.byRef(String(view.parentId), loader, viewer);
  }

  /** The chain of originals from the direct parent up to the root, stopping at one the viewer may not see. */
  async lineageOf(view: CompositionView, viewer: Viewer | null, loader: DataLoader<number, CompositionRow | null>): Promise<CompositionView[]> {
    const lineage: CompositionView[] = [];
    const seen = new Set<string>([view.ref]);
    for (let current = await this.parentOf(view, viewer, loader); current && !seen.has(current.ref); current = await this.parentOf(current, viewer, loader)) {
      seen.add(current.ref);
      lineage.push(current);
    }
    return lineage;
  }

  /** Index matches as pieces the viewer may see; one deleted or hidden since it was indexed is left out. */
  async visibleMatches(
    matches: { id: number; score: number }[],
    viewer: Viewer | null,
    loader: DataLoader<number, CompositionRow | null>,
  ): Promise<{ composition: CompositionView; score: number }[]> {
    const views = await Promise.all(matches.map((match) => this.byRef(String(match.id), loader, viewer)));
    return matches.flatMap((match, i) => (views[i] ? [{ composition: views[i], score: match.score }] : []));
  }

  /** Someone's pieces: everything for themselves, their public ones for everyone else. */
  async ownedBy(ownerId: number, viewer: Viewer | null, args: { first?: number; after?: string }): Promise<Page<CompositionView>> {
    const publicOnly = viewer?.id !== ownerId;
    const page = await keysetPage(args, (take, beforeId) => this.repo.byOwner(ownerId, publicOnly, take, beforeId), () => this.repo.countByOwner(ownerId, publicOnly));
    return mapPage(page, (row) => this.savedView(row));
  }

  async remixesOf(view: CompositionView, args: { first?: number; after?: string }): Promise<Page<CompositionView>> {
    if (!view.saved) return keysetPage(args, async () => [], 0);
    const parentId = Number(view.ref);
    const page = await keysetPage(args, (take, beforeId) => this.repo.publicRemixes(parentId, take, beforeId), () => this.repo.countPublicRemixes(parentId));
    return mapPage(page, (row) => this.savedView(row));
  }

  /** Counts a listen at most once per listener per piece per hour (the listener key is kept in Redis). */
  async recordPlay(globalId: string, listener: string, viewer: Viewer | null, loader: DataLoader<number, CompositionRow | null>): Promise<CompositionView> {
    const view = await this.byGlobalId(globalId, loader, viewer);
    if (!view?.saved) throw new NotFoundError('No saved composition has this id');
    if (await this.plays.firstInWindow(view.ref, listener)) {
      await this.repo.incrementPlays(Number(view.ref));
      this.analytics.record({ kind: 'COMPOSITION_PLAYED', actor: actorOfListener(listener), compositionId: Number(view.ref), themeId: view.theme.id });
      return { ...view, playCount: view.playCount + 1 };
    }
    return view;
  }

  async delete(globalId: string, viewer: Viewer): Promise<string> {
    const { row, access } = await this.rowWithAccess(globalId, viewer);
    if (access !== 'OWNER') throw new ForbiddenError('Only the owner can delete this composition');
    await this.repo.delete(row.id);
    this.similarity.removeComposition(row.id);
    return globalId;
  }

  private async previewFromToken(token: string, viewer: Viewer | null): Promise<CompositionView | null> {
    let parameters: CompositionParameters;
    try {
      parameters = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as CompositionParameters;
      if (!Array.isArray(parameters.airports) || parameters.airports.length < 2) return null;
    } catch {
      return null;
    }
    const input = Object.assign(new ComposeInput(), {
      ...(parameters.kind === 'ROUTE'
        ? { route: { from: parameters.airports[0], to: parameters.airports[1] } }
        : parameters.kind === 'PATH'
          ? { path: parameters.airports }
          : { journey: parameters.airports }),
      theme: parameters.themeId,
      keyRoot: parameters.keyRoot ?? undefined,
      scale: parameters.scale ?? undefined,
      tempoBpm: parameters.tempoBpm ?? undefined,
      durationSeconds: parameters.durationSeconds ?? undefined,
      variation: parameters.variation,
      title: parameters.title ?? undefined,
    });
    try {
      // A token comes from a client and may be forged: it passes the same checks as an input.
      await validateArguments(input);
      return await this.preview(input, viewer);
    } catch (error) {
      if (error instanceof BadUserInputError) return null;
      throw error;
    }
  }

  async byGlobalId(globalId: string, loader: DataLoader<number, CompositionRow | null>, viewer: Viewer | null): Promise<CompositionView | null> {
    const decoded = fromGlobalId(globalId);
    if (!decoded) throw new BadUserInputError(`"${globalId.slice(0, 60)}" is not an id this API issued`);
    return decoded.type === 'Composition' ? this.byRef(decoded.key, loader, viewer) : null;
  }

  airportsOf(view: CompositionView): AirportRow[] {
    const network = this.networks.network;
    return view.airports.map((code) => network.airportByCode(code)).filter((a): a is AirportRow => a !== undefined);
  }

  async page(args: { first?: number; after?: string }): Promise<Page<CompositionView>> {
    const page = await keysetPage(args, (take, beforeId) => this.repo.publicPage(take, beforeId), () => this.repo.countPublic());
    return mapPage(page, (row) => this.savedView(row));
  }

  tracksOf(view: CompositionView) {
    return view.render().score.tracks.map((track) => ({
      name: track.name,
      role: track.role,
      instrument: instrumentName(track.program, track.role === 'DRUMS'),
      program: track.program,
      channel: track.channel + 1,
      notes: track.notes.map((note) => ({ pitch: note.pitch, start: note.start, duration: note.duration, velocity: note.velocity })),
    }));
  }

  sectionsOf(view: CompositionView) {
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

  chordsOf(view: CompositionView) {
    return view.render().score.chords;
  }

  /** A file name people recognise: "jfk-lax-jazz.mid". */
  fileNameOf(view: CompositionView): string {
    return `${[...view.airports, view.theme.id].join('-').toLowerCase().replace(/[^a-z0-9-]+/g, '')}.mid`;
  }
}
