import type { Flight, ScaleName, Theme as EngineTheme } from '../../engine/music/index.js';
import { embedComposition } from '../../engine/embeddings/index.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors.js';
import type { Viewer } from '../users/tokens.js';
import { keysetPage, mapPage, type Page } from '../shared/paging.js';
import type { AirportRow } from '../airports/airport.repo.js';
import type { NetworkService } from '../network/network.service.js';
import type { ThemeService } from '../themes/theme.service.js';
import { toSharpKey } from './compose-limits.js';
import { filter, pipe, type PubSub } from '@graphql-yoga/subscription';
import type { UserRepo } from '../users/user.repo.js';
import { parametersOfRow, pieceRequestOf, type CompositionParameters, type PieceChanges, type PieceRequest } from './composition-parameters.js';
import type { PlayWindows } from './play-windows.repo.js';
import type { CollaboratorRepo } from './collaborator.repo.js';
import { CompositionAccess } from './composition-access.js';
import { CompositionComposer } from './composition-composer.js';
import { can, DENIED, type CompositionAction, type PieceFacts } from './composition.policy.js';
import { COMPOSITION_CHANGED, type CompositionChangedEvent, type CompositionTopics } from './composition.topics.js';
import type { CompositionRepo, CompositionRow, LicenseValue, NewComposition, VisibilityValue } from './composition.repo.js';
import { defaultTitle, PREVIEW_PREFIX, renderPiece, savedIdOf, savedView, storedRendering, type CompositionView } from './composition-view.js';
import { actorOfListener, actorOfUser } from '../analytics/analytics-event.js';
import type { AnalyticsEvents } from '../analytics/analytics-events.repo.js';
import type { ComposePool } from './compose-pool.js';

// The view type lives with the functions that make it; most modules know it from here.
export type { CompositionView };

/** A new piece: the flight, the musical choices, and who may see and reuse it. */
export type NewPiece = PieceRequest & { visibility?: VisibilityValue; license?: LicenseValue };

const LICENSE_NAMES: Record<LicenseValue, string> = {
  CC_BY_4_0: 'CC BY 4.0',
  CC_BY_NC_4_0: 'CC BY-NC 4.0',
  ALL_RIGHTS_RESERVED: 'all rights reserved',
};

/**
 * Saved pieces: creating, changing and deleting them (with their change events), who may reach
 * them, and their lineage and pages. Composing and previews are CompositionComposer's; what a
 * piece looks like to clients is composition-view.ts's.
 */
export class CompositionService {
  /** Composing, and the preview cache its tokens address. */
  readonly composer: CompositionComposer;

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
    pool: ComposePool,
  ) {
    this.composer = new CompositionComposer(networks, themes, pool);
  }

  /** Starts the compose workers, so the first previews find them ready. */
  startComposing(): void {
    this.composer.start();
  }

  dispose(): Promise<void> {
    return this.composer.dispose();
  }

  async create(input: NewPiece, owner: Viewer, origin?: { parentId: number; attribution: string }): Promise<CompositionView> {
    const { parameters, flight, theme } = await this.composer.parametersOf(input, owner);
    const rendering = renderPiece(flight, theme, parameters);
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
    return savedView(row, rendering);
  }

  /**
   * A saved piece by row id or a preview by token; null when there is no such piece or the viewer
   * may not see it (a private piece answers exactly like a missing one, so none ever leaks).
   */
  async byRef(ref: string | null, viewer: Viewer | null): Promise<CompositionView | null> {
    const [view] = await this.byRefs([ref], viewer);
    return view;
  }

  /** byRef for many refs, with one query for all the saved pieces; in the order asked. */
  async byRefs(refs: readonly (string | null)[], viewer: Viewer | null): Promise<(CompositionView | null)[]> {
    const ids = refs.map(savedIdOf).filter((id) => id !== null);
    const rows = ids.length === 0 ? [] : await this.repo.findByIds(ids);
    const rowById = new Map(rows.map((row) => [row.id, row]));
    return Promise.all(refs.map((ref) => this.viewOf(ref, rowById.get(savedIdOf(ref) ?? -1) ?? null, viewer)));
  }

  /** What a ref names, given the row its saved id names (the caller read it, perhaps batched with others); null as for byRef. */
  async viewOf(ref: string | null, row: CompositionRow | null, viewer: Viewer | null): Promise<CompositionView | null> {
    if (ref?.startsWith(PREVIEW_PREFIX)) return this.composer.byToken(ref.slice(PREVIEW_PREFIX.length), viewer);
    return this.visible(row, viewer);
  }

  /** The saved piece as the viewer may see it; null when there is none or they may not see it. */
  async visible(row: CompositionRow | null, viewer: Viewer | null): Promise<CompositionView | null> {
    return row && (await this.access.of(row, viewer)) ? savedView(row) : null;
  }

  /** Whether this person may see the saved piece now (it exists, and is theirs, shared with them or not PRIVATE). */
  async mayStillSee(compositionId: number, userId: number): Promise<boolean> {
    const [row] = await this.repo.findByIds([compositionId]);
    return row !== undefined && (await this.access.of(row, { id: userId })) !== null;
  }

  /** The saved piece with this row id and the facts its policy decides on; NOT_FOUND if there is none the viewer may see (null: the client's id named none). */
  async rowWithAccess(id: number | null, viewer: Viewer | null): Promise<{ row: CompositionRow; piece: PieceFacts }> {
    const [row] = id === null ? [] : await this.repo.findByIds([id]);
    const piece = row ? await this.access.factsOf(row, viewer) : null;
    if (!row || !piece || !can(viewer, 'view', piece)) throw new NotFoundError('No saved composition has this id');
    return { row, piece };
  }

  /** What the viewer may do with a piece, for `Composition.viewerCan`; nothing with a preview. */
  async viewerCan(view: CompositionView, viewer: Viewer | null): Promise<Record<Exclude<CompositionAction, 'view'>, boolean>> {
    const piece = view.saved ? await this.access.factsOf({ id: Number(view.ref), ownerId: view.ownerId, visibility: view.visibility, license: view.license }, viewer) : null;
    const allowed = (action: CompositionAction) => piece !== null && can(viewer, action, piece);
    return {
      edit: allowed('edit'),
      setVisibility: allowed('setVisibility'),
      setLicence: allowed('setLicence'),
      delete: allowed('delete'),
      invite: allowed('invite'),
      enterContest: allowed('enterContest'),
      comment: allowed('comment'),
      export: allowed('export'),
      remix: allowed('remix'),
    };
  }

  /**
   * Applies a patch from the owner or an EDITOR (visibility and licence: the owner only), at the
   * version the editor saw. Musical changes compose the piece again from its flight snapshot.
   */
  async update(id: number | null, patch: PieceChanges, expectedVersion: number, viewer: Viewer): Promise<CompositionView> {
    const { row, piece } = await this.rowWithAccess(id, viewer);
    if (!can(viewer, 'edit', piece)) throw new ForbiddenError(DENIED.edit);
    if (patch.visibility !== undefined && !can(viewer, 'setVisibility', piece)) throw new ForbiddenError(DENIED.setVisibility);
    if (patch.license !== undefined && !can(viewer, 'setLicence', piece)) throw new ForbiddenError(DENIED.setLicence);
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
        changedFields: Object.entries(patch)
          .filter(([, value]) => value !== undefined)
          .map(([field]) => field)
          .sort(),
        authorId: viewer.id,
        ownerId: updated.ownerId,
        visibility: updated.visibility,
        collaboratorIds: collaborators.map((c) => c.userId),
      });
      const view = savedView(updated);
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
  private async rerendered(row: CompositionRow, patch: PieceChanges, viewer: Viewer): Promise<Partial<NewComposition>> {
    const musical = ['theme', 'keyRoot', 'scale', 'tempoBpm', 'durationSeconds', 'variation'] as const;
    if (!musical.some((field) => patch[field] !== undefined)) return {};
    const theme = patch.theme === undefined ? (row.themeSnapshot as EngineTheme) : await this.themes.resolve(patch.theme, viewer);
    const stored = parametersOfRow(row);
    const parameters: CompositionParameters = {
      ...stored,
      themeId: theme.id,
      keyRoot: patch.keyRoot === undefined ? stored.keyRoot : toSharpKey(patch.keyRoot),
      scale: (patch.scale as ScaleName | undefined) ?? stored.scale,
      tempoBpm: patch.tempoBpm ?? stored.tempoBpm,
      durationSeconds: patch.durationSeconds ?? stored.durationSeconds,
      variation: patch.variation ?? stored.variation,
    };
    return storedRendering(theme, parameters, renderPiece(row.flightSnapshot as Flight, theme, parameters));
  }

  /**
   * The accepted changes of a saved piece, for everyone allowed to see it: checked when
   * subscribing (NOT_FOUND otherwise) and again on every change, so making a piece private stops
   * the stream for everyone but its owner.
   */
  async watch(id: number | null, viewer: Viewer | null): Promise<AsyncIterable<CompositionChangedEvent>> {
    const { row } = await this.rowWithAccess(id, viewer);
    return pipe(
      this.events.subscribe(COMPOSITION_CHANGED, row.id),
      filter((event: CompositionChangedEvent) => CompositionAccess.mayHear(event, viewer)),
    );
  }

  /** The piece as it is now, read past any request cache (a subscription outlives many changes). */
  async current(id: number, viewer: Viewer | null): Promise<CompositionView | null> {
    const [row] = await this.repo.findByIds([id]);
    return this.visible(row ?? null, viewer);
  }

  /**
   * A new piece from another: the same flight, with the choices the remixer changes. The licence
   * decides (composition.policy.ts): ALL_RIGHTS_RESERVED pieces are remixed by their owner only. The credit to the
   * original is written into the remix, so it stays even if the original is deleted.
   */
  async remix(ref: string | null, input: PieceChanges, viewer: Viewer): Promise<CompositionView> {
    const parent = await this.byRef(ref, viewer);
    if (!parent?.saved) throw new NotFoundError('No saved composition has this id');
    const [row] = await this.repo.findByIds([Number(parent.ref)]);
    if (!can(viewer, 'remix', await this.access.factsOf(row, viewer))) throw new ForbiddenError(DENIED.remix);
    const owner = row.ownerId === null ? null : await this.users.findById(row.ownerId);
    const stored = pieceRequestOf(parametersOfRow(row));
    const remixed: NewPiece = {
      ...stored,
      theme: input.theme ?? stored.theme,
      keyRoot: input.keyRoot ?? stored.keyRoot,
      scale: input.scale ?? stored.scale,
      tempoBpm: input.tempoBpm ?? stored.tempoBpm,
      durationSeconds: input.durationSeconds ?? stored.durationSeconds,
      variation: input.variation ?? stored.variation,
      title: input.title ?? `${row.title} (remix)`.slice(0, 120),
      visibility: input.visibility as VisibilityValue | undefined,
      license: (input.license as LicenseValue | undefined) ?? row.license,
    };
    const attribution = `Remix of "${row.title}" by ${owner ? owner.displayName : 'a former member'} (${LICENSE_NAMES[row.license]})`;
    return this.create(remixed, viewer, { parentId: row.id, attribution });
  }

  /**
   * Index matches as pieces the viewer may see, given the row each names (null when gone); one
   * deleted or hidden since it was indexed is left out.
   */
  async visibleMatches(matches: readonly { id: number; score: number }[], rows: readonly (CompositionRow | null)[], viewer: Viewer | null): Promise<{ composition: CompositionView; score: number }[]> {
    const views = await Promise.all(rows.map((row) => this.visible(row, viewer)));
    return matches.flatMap((match, i) => (views[i] ? [{ composition: views[i], score: match.score }] : []));
  }

  /** Someone's pieces: everything for themselves, their public ones for everyone else. */
  async ownedBy(ownerId: number, viewer: Viewer | null, args: { first?: number; after?: string }): Promise<Page<CompositionView>> {
    const publicOnly = viewer?.id !== ownerId;
    const page = await keysetPage(
      args,
      (take, beforeId) => this.repo.byOwner(ownerId, publicOnly, take, beforeId),
      () => this.repo.countByOwner(ownerId, publicOnly),
    );
    return mapPage(page, (row) => savedView(row));
  }

  async remixesOf(view: CompositionView, args: { first?: number; after?: string }): Promise<Page<CompositionView>> {
    if (!view.saved) return keysetPage(args, async () => [], 0);
    const parentId = Number(view.ref);
    const page = await keysetPage(
      args,
      (take, beforeId) => this.repo.publicRemixes(parentId, take, beforeId),
      () => this.repo.countPublicRemixes(parentId),
    );
    return mapPage(page, (row) => savedView(row));
  }

  /** Counts a listen at most once per listener per piece per hour (the listener key is kept in Redis). */
  async recordPlay(ref: string | null, listener: string, viewer: Viewer | null): Promise<CompositionView> {
    const view = await this.byRef(ref, viewer);
    if (!view?.saved) throw new NotFoundError('No saved composition has this id');
    if (await this.plays.firstInWindow(view.ref, listener)) {
      await this.repo.incrementPlays(Number(view.ref));
      this.analytics.record({ kind: 'COMPOSITION_PLAYED', actor: actorOfListener(listener), compositionId: Number(view.ref), themeId: view.theme.id });
      return { ...view, playCount: view.playCount + 1 };
    }
    return view;
  }

  async delete(id: number | null, viewer: Viewer): Promise<void> {
    const { row, piece } = await this.rowWithAccess(id, viewer);
    if (!can(viewer, 'delete', piece)) throw new ForbiddenError(DENIED.delete);
    await this.repo.delete(row.id);
    this.similarity.removeComposition(row.id);
  }

  airportsOf(view: CompositionView): AirportRow[] {
    const network = this.networks.network;
    return view.airports.map((code) => network.airportByCode(code)).filter((a): a is AirportRow => a !== undefined);
  }

  async page(args: { first?: number; after?: string }): Promise<Page<CompositionView>> {
    const page = await keysetPage(
      args,
      (take, beforeId) => this.repo.publicPage(take, beforeId),
      () => this.repo.countPublic(),
    );
    return mapPage(page, (row) => savedView(row));
  }
}
