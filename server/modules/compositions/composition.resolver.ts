import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { ConnectionArgs, decodeGlobalId, issuedIdOf, toGlobalId, type Page } from '../../graphql/relay.js';
import type { AirportRow } from '../airports/airport.repo.js';
import { Airport } from '../airports/airport.type.js';
import { toThemeView } from '../themes/theme.service.js';
import { Theme } from '../themes/theme.type.js';
import type { CompositionService, CompositionView } from './composition.service.js';
import type { UserRow } from '../users/user.repo.js';
import { requireViewer } from '../users/user.service.js';
import { User } from '../users/user.type.js';
import type { CompositionChangedEvent } from './composition.topics.js';
import { chordsOf, savedIdOf, sectionsOf, tracksOf } from './composition-view.js';
import { Chord, ComposeInput, Composition, CompositionChange, CompositionViewerCan, CompositionConnection, CompositionPatch, RemixInput, Section, Track } from './composition.type.js';
import { CommunityData, ReferenceData } from '../../graphql/cache-control.js';

export const compositionGlobalId = (view: CompositionView): string => toGlobalId('Composition', view.ref);

/** The piece a global id names: a saved row id or a preview token; null for an id of another type. */
export function compositionRefOf(globalId: string): string | null {
  const decoded = decodeGlobalId(globalId);
  return decoded.type === 'Composition' ? decoded.key : null;
}

/**
 * What a ref names, its row read through the request's loader, so the pieces a list names
 * (parents, contest entries, node ids) cost one query together.
 */
export async function compositionByRef(compositions: CompositionService, ref: string | null, { loaders, viewer }: Pick<RequestContext, 'loaders' | 'viewer'>): Promise<CompositionView | null> {
  const id = savedIdOf(ref);
  return compositions.viewOf(ref, id === null ? null : await loaders.compositionById.load(id), viewer);
}

@Resolver(() => Composition)
export class CompositionResolver {
  constructor(private readonly compositionService: CompositionService) {}

  @ReferenceData()
  @Query(() => Composition, { description: 'Composes a piece without saving it; the same input always gives the same piece.' })
  previewComposition(@Arg('input', () => ComposeInput, { description: 'The flight and the musical choices.' }) input: ComposeInput, @Ctx() { viewer }: RequestContext): Promise<CompositionView> {
    return this.compositionService.composer.preview(input, viewer);
  }

  @Mutation(() => Composition, { description: "Composes a piece and saves it as the signed-in person's." })
  createComposition(@Arg('input', () => ComposeInput, { description: 'The flight and the musical choices.' }) input: ComposeInput, @Ctx() context: RequestContext): Promise<CompositionView> {
    return this.compositionService.create(input, requireViewer(context));
  }

  @Mutation(() => Composition, {
    description: 'Changes a saved piece (owner only). A stale expectedVersion is a CONFLICT carrying the current version.',
  })
  updateComposition(
    @Arg('id', () => ID, { description: "The piece's id." }) id: string,
    @Arg('patch', () => CompositionPatch, { description: 'The fields to change.' }) patch: CompositionPatch,
    @Arg('expectedVersion', () => Int, { description: 'The version you read; a stale one is a CONFLICT.' }) expectedVersion: number,
    @Ctx() context: RequestContext,
  ): Promise<CompositionView> {
    const viewer = requireViewer(context);
    return this.compositionService.update(issuedIdOf(id, 'Composition'), patch, expectedVersion, viewer);
  }

  @Mutation(() => Composition, {
    description: 'A new piece from a saved one (same flight, your changes), credited to the original. Not for all-rights-reserved pieces of others.',
  })
  remixComposition(
    @Arg('id', () => ID, { description: "The original's id." }) id: string,
    @Arg('input', () => RemixInput, { description: 'What to change; the rest comes from the original.', nullable: true }) input: RemixInput | undefined,
    @Ctx() context: RequestContext,
  ): Promise<CompositionView> {
    const viewer = requireViewer(context);
    return this.compositionService.remix(compositionRefOf(id), input ?? new RemixInput(), viewer);
  }

  @Mutation(() => Composition, { description: 'Counts a listen: at most once per listener (person or address) per piece per hour.' })
  recordPlay(@Arg('id', () => ID, { description: "The piece's id." }) id: string, @Ctx() context: RequestContext): Promise<CompositionView> {
    const listener = context.viewer ? `user:${context.viewer.id}` : `address:${context.clientAddress}`;
    return this.compositionService.recordPlay(compositionRefOf(id), listener, context.viewer);
  }

  @Mutation(() => ID, { description: 'Deletes a saved piece (owner only) and returns its id.' })
  async deleteComposition(@Arg('id', () => ID, { description: "The piece's id." }) id: string, @Ctx() context: RequestContext): Promise<string> {
    const viewer = requireViewer(context);
    await this.compositionService.delete(issuedIdOf(id, 'Composition'), viewer);
    return id;
  }

  @CommunityData()
  @Query(() => Composition, { nullable: true, description: 'A piece (or a preview) by id; null when there is none or it is private to someone else.' })
  composition(@Arg('id', () => ID, { description: "The piece's id." }) id: string, @Ctx() context: RequestContext): Promise<CompositionView | null> {
    return compositionByRef(this.compositionService, compositionRefOf(id), context);
  }

  @CommunityData()
  @Query(() => CompositionConnection, { description: 'Saved compositions, newest first.' })
  compositions(@Args(() => ConnectionArgs) args: ConnectionArgs): Promise<Page<CompositionView>> {
    return this.compositionService.page(args);
  }

  @Subscription(() => CompositionChange, {
    description: 'Every accepted change to a saved piece, from any server instance, while the subscriber may see it.',
    subscribe: ({ args, context }) => (context as RequestContext).watchComposition(issuedIdOf(args.id as string, 'Composition')),
  })
  async compositionChanged(
    @Root() event: CompositionChangedEvent,
    @Arg('id', () => ID, { description: 'The saved piece to watch.' }) _id: string,
    @Ctx() { viewer, loaders }: RequestContext,
  ): Promise<CompositionChange> {
    const [composition, author] = await Promise.all([this.compositionService.current(event.compositionId, viewer), loaders.userById.load(event.authorId)]);
    return { composition, version: event.version, changedFields: event.changedFields, author };
  }

  @FieldResolver(() => ID, { description: 'Global id (also for previews, which are never stored).' })
  id(@Root() view: CompositionView): string {
    return compositionGlobalId(view);
  }

  @FieldResolver(() => CompositionViewerCan, { description: 'What the signed-in person may do with it, so clients ask instead of working the rules out.' })
  viewerCan(@Root() view: CompositionView, @Ctx() { viewer }: RequestContext): Promise<CompositionViewerCan> {
    return this.compositionService.viewerCan(view, viewer);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who made it; null for previews and for pieces whose owner left.' })
  async owner(@Root() view: CompositionView, @Ctx() { loaders }: RequestContext): Promise<UserRow | null> {
    return view.ownerId === null ? null : loaders.userById.load(view.ownerId);
  }

  @FieldResolver(() => Composition, { nullable: true, description: 'The piece this one remixes, when it still exists and you may see it.' })
  parent(@Root() view: CompositionView, @Ctx() context: RequestContext): Promise<CompositionView | null> {
    return this.parentOf(view, context);
  }

  @FieldResolver(() => [Composition], { description: 'The originals from the direct parent up to the root.' })
  async lineage(@Root() view: CompositionView, @Ctx() context: RequestContext): Promise<CompositionView[]> {
    const lineage: CompositionView[] = [];
    const seen = new Set<string>([view.ref]);
    // Stops at the first original the viewer may not see, and at a cycle.
    for (let current = await this.parentOf(view, context); current && !seen.has(current.ref); current = await this.parentOf(current, context)) {
      seen.add(current.ref);
      lineage.push(current);
    }
    return lineage;
  }

  private async parentOf(view: CompositionView, context: RequestContext): Promise<CompositionView | null> {
    return view.parentId === null ? null : compositionByRef(this.compositionService, String(view.parentId), context);
  }

  @FieldResolver(() => CompositionConnection, { description: 'Public remixes of this piece, newest first.' })
  remixes(@Root() view: CompositionView, @Args(() => ConnectionArgs) args: ConnectionArgs): Promise<Page<CompositionView>> {
    return this.compositionService.remixesOf(view, args);
  }

  @FieldResolver(() => Theme, { description: 'The theme as it was when the piece was made (a snapshot).' })
  theme(@Root() view: CompositionView): Theme {
    return toThemeView(view.theme);
  }

  @FieldResolver(() => String)
  key(@Root() view: CompositionView): string {
    return view.keyRoot;
  }

  @FieldResolver(() => [Airport], { description: 'The airports of the flight, in order.' })
  airports(@Root() view: CompositionView): AirportRow[] {
    return this.compositionService.airportsOf(view);
  }

  @FieldResolver(() => [Section], { description: 'The parts of the piece in order.' })
  sections(@Root() view: CompositionView): Section[] {
    return sectionsOf(view);
  }

  @FieldResolver(() => [Chord], { description: 'One chord per bar.' })
  chords(@Root() view: CompositionView): Chord[] {
    return chordsOf(view);
  }

  @FieldResolver(() => [Track], { description: 'One track per instrument, with every note.' })
  tracks(@Root() view: CompositionView): Track[] {
    return tracksOf(view);
  }

  @FieldResolver(() => String, { description: 'The Standard MIDI File (type 1, 480 PPQ), base64-encoded.' })
  midi(@Root() view: CompositionView): string {
    return Buffer.from(view.render().midi).toString('base64');
  }

  @FieldResolver(() => String, { description: 'Where to download the MIDI file, relative to the server.' })
  midiUrl(@Root() view: CompositionView): string {
    return `/compositions/${compositionGlobalId(view)}.mid`;
  }
}

@Resolver(() => User)
export class UserCompositionsResolver {
  constructor(private readonly compositionService: CompositionService) {}

  @FieldResolver(() => CompositionConnection, { description: 'Their pieces, newest first: all of yours to you, public ones to others.' })
  compositions(@Root() user: UserRow, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() { viewer }: RequestContext): Promise<Page<CompositionView>> {
    return this.compositionService.ownedBy(user.id, viewer, args);
  }
}
