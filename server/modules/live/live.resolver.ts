import { Arg, FieldResolver, ID, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { ComposeInput, RouteInput } from '../compositions/composition.type.js';
import { validateArguments } from '../shared/validation.js';
import type { LiveBatchPayload, LivePiecePayload } from './live.topics.js';
import type { RadioService } from './radio.service.js';
import { LiveBatch, LivePiece, RadioChannel } from './live.type.js';
import { Uncached } from '../../graphql/cache-control.js';
import { issuedIdOf, toGlobalId } from '../../graphql/relay.js';

/** The subscribe args arrive as plain JSON: the same class and rules as previewComposition's input apply. */
async function composeInputOf(plain: ComposeInput): Promise<ComposeInput> {
  const input = Object.assign(new ComposeInput(), plain, plain.route ? { route: Object.assign(new RouteInput(), plain.route) } : {});
  await validateArguments(input);
  return input;
}

@Resolver()
export class LiveResolver {
  constructor(private readonly radioService: RadioService) {}

  @Subscription(() => LiveBatch, {
    description:
      'Composes the piece (same input and checks as previewComposition) and streams its events in real time, each window sent lookaheadSeconds before it sounds, ending with COMPLETE. Unsubscribing stops the work.',
    subscribe: async ({ args, context }) => (context as RequestContext).liveComposition(await composeInputOf(args.input as ComposeInput)),
  })
  liveComposition(
    @Root() batch: LiveBatchPayload,
    @Arg('input', () => ComposeInput, { description: 'The flight and the musical choices, as for previewComposition.' }) _input: ComposeInput,
  ): LiveBatchPayload {
    return batch;
  }

  @Subscription(() => LiveBatch, {
    description:
      'Streams a saved piece in real time exactly as it was saved (its flight, theme, key, scale, tempo and length), like liveComposition: each window sent lookaheadSeconds before it sounds, ending with COMPLETE. NOT_FOUND for a piece the viewer may not see.',
    subscribe: ({ args, context }) => (context as RequestContext).livePiece(issuedIdOf(args.id as string, 'Composition')),
  })
  livePiece(@Root() batch: LiveBatchPayload, @Arg('id', () => ID, { description: 'The saved piece to stream (a Composition global id).' }) _id: string): LiveBatchPayload {
    return batch;
  }

  @Subscription(() => LiveBatch, {
    description:
      'A never-ending departures radio named after an airport (e.g. "LHR"): its real departures one after another, the same music at the same moment for every listener on every server instance. A late listener joins at the current position.',
    subscribe: ({ args, context }) => (context as RequestContext).liveRadio(args.channel as string),
  })
  liveRadio(@Root() batch: LiveBatchPayload, @Arg('channel', () => String, { description: 'An airport code (IATA or ICAO), e.g. "LHR".' }) _channel: string): LiveBatchPayload {
    return batch;
  }

  @Uncached()
  @Query(() => [RadioChannel], { description: 'Radio channels with listeners now, busiest first.' })
  radioChannels(): Promise<RadioChannel[]> {
    return this.radioService.activeChannels();
  }
}

@Resolver(() => LivePiece)
export class LivePieceResolver {
  @FieldResolver(() => ID, { description: 'A Composition id: composition(id) returns the whole piece.' })
  compositionId(@Root() piece: LivePiecePayload): string {
    return toGlobalId('Composition', piece.compositionId);
  }
}
