import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { ConnectionArgs, toGlobalId, type Page } from '../../graphql/relay.js';
import type { AirportRow } from '../airports/airport.repo.js';
import { Airport } from '../airports/airport.type.js';
import { toThemeView } from '../themes/theme.service.js';
import { Theme } from '../themes/theme.type.js';
import type { CompositionService, CompositionView } from './composition.service.js';
import { Chord, ComposeInput, Composition, CompositionConnection, Section, Track } from './composition.type.js';

export const compositionGlobalId = (view: CompositionView): string => toGlobalId('Composition', view.ref);

@Resolver(() => Composition)
export class CompositionResolver {
  constructor(private readonly compositionService: CompositionService) {}

  @Query(() => Composition, { description: 'Composes a piece without saving it; the same input always gives the same piece.' })
  previewComposition(@Arg('input', () => ComposeInput) input: ComposeInput): CompositionView {
    return this.compositionService.preview(input);
  }

  @Mutation(() => Composition, { description: 'Composes a piece and saves it.' })
  createComposition(@Arg('input', () => ComposeInput) input: ComposeInput): Promise<CompositionView> {
    return this.compositionService.create(input);
  }

  @Query(() => Composition, { nullable: true, description: 'A saved piece (or a preview) by id; null when there is none.' })
  composition(@Arg('id', () => ID) id: string, @Ctx() { loaders }: RequestContext): Promise<CompositionView | null> {
    return this.compositionService.byGlobalId(id, loaders.compositionById);
  }

  @Query(() => CompositionConnection, { description: 'Saved compositions, newest first.' })
  compositions(@Args(() => ConnectionArgs) args: ConnectionArgs): Promise<Page<CompositionView>> {
    return this.compositionService.page(args);
  }

  @FieldResolver(() => ID)
  id(@Root() view: CompositionView): string {
    return compositionGlobalId(view);
  }

  @FieldResolver(() => Theme)
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

  @FieldResolver(() => [Section])
  sections(@Root() view: CompositionView): Section[] {
    return this.compositionService.sectionsOf(view);
  }

  @FieldResolver(() => [Chord], { description: 'One chord per bar.' })
  chords(@Root() view: CompositionView): Chord[] {
    return this.compositionService.chordsOf(view);
  }

  @FieldResolver(() => [Track])
  tracks(@Root() view: CompositionView): Track[] {
    return this.compositionService.tracksOf(view);
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
