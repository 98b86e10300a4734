import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { TrackRole } from '../themes/theme.type.js';

export enum LiveEventKind {
  PIECE_START = 'PIECE_START',
  NOTE = 'NOTE',
  SECTION = 'SECTION',
  CHORD = 'CHORD',
  PROGRESS = 'PROGRESS',
  COMPLETE = 'COMPLETE',
}

registerEnumType(LiveEventKind, {
  name: 'LiveEventKind',
  valuesConfig: {
    CHORD: { description: 'A chord starts.' },
    COMPLETE: { description: 'The piece is over.' },
    NOTE: { description: 'A note sounds.' },
    PIECE_START: { description: 'A piece starts.' },
    PROGRESS: { description: 'How far the piece has come.' },
    SECTION: { description: 'A section starts.' },
  },
  description: 'What a live event is; only the fields of its kind are set.',
});

@ObjectType('LiveEvent', { description: 'One moment of a piece streamed live.' })
export class LiveEvent {
  @Field(() => LiveEventKind, { description: 'What the event is; only the fields of its kind are set.' })
  kind!: LiveEventKind;

  @Field(() => Float, { description: 'When it sounds, in seconds from the start of the piece.' })
  at!: number;

  @Field(() => Float, { description: 'When it sounds, in epoch milliseconds: every listener plays it at the same moment.' })
  soundsAt!: number;

  @Field(() => String, { nullable: true, description: 'NOTE: the track name.' })
  track?: string;

  @Field(() => TrackRole, { nullable: true, description: 'NOTE: the track role.' })
  role?: string;

  @Field(() => Int, { nullable: true, description: 'NOTE: General-MIDI program 0-127.' })
  program?: number;

  @Field(() => Int, { nullable: true, description: 'NOTE: MIDI channel 1-16 (drums on 10).' })
  channel?: number;

  @Field(() => Int, { nullable: true, description: 'NOTE: MIDI pitch.' })
  pitch?: number;

  @Field(() => Int, { nullable: true, description: 'NOTE: MIDI velocity 1-127.' })
  velocity?: number;

  @Field(() => Float, { nullable: true, description: 'NOTE: length in seconds.' })
  duration?: number;

  @Field(() => String, { nullable: true, description: 'SECTION: its name.' })
  section?: string;

  @Field(() => String, { nullable: true, description: 'SECTION: its key root.' })
  key?: string;

  @Field(() => String, { nullable: true, description: 'SECTION: its scale.' })
  scale?: string;

  @Field(() => String, { nullable: true, description: 'CHORD: its symbol, e.g. "Dm7".' })
  chord?: string;

  @Field(() => String, { nullable: true, description: 'CHORD: its Roman numeral, e.g. "ii7".' })
  roman?: string;

  @Field(() => Float, { nullable: true, description: 'PROGRESS and COMPLETE: 0-1 of the piece.' })
  progress?: number;
}

@ObjectType('LivePiece', { description: 'The piece a live stream is playing.' })
export class LivePiece {
  @Field(() => ID, { description: 'A Composition id: composition(id) returns the whole piece.' })
  compositionId!: string;

  @Field(() => String, { description: "The piece's title." })
  title!: string;

  @Field(() => [String], { description: 'Airport codes in order.' })
  airports!: string[];

  @Field(() => String, { description: 'Theme id.' })
  theme!: string;

  @Field(() => Int, { description: 'Tempo in beats per minute.' })
  tempoBpm!: number;

  @Field(() => String, { description: 'Key root of the opening section.' })
  key!: string;

  @Field(() => String, { description: 'Scale of the opening section.' })
  scale!: string;

  @Field(() => Float, { description: 'Length in seconds.' })
  durationSeconds!: number;

  @Field(() => Float, { description: 'When the piece starts sounding, in epoch milliseconds.' })
  startsAt!: number;
}

@ObjectType('LiveBatch', {
  description: 'The events sounding in one short window of a piece, sent lookaheadSeconds before the window starts.',
})
export class LiveBatch {
  @Field(() => Int, { description: 'Which piece of the stream: always 0 for liveComposition, counting up on a radio channel.' })
  turn!: number;

  @Field(() => Int, { description: "The window's index in its piece; increases within a piece." })
  sequence!: number;

  @Field(() => Float, { description: 'Start of the window, in seconds from the start of the piece.' })
  startSeconds!: number;

  @Field(() => Float, { description: 'How long before the window starts sounding it is sent; schedule events at their soundsAt.' })
  lookaheadSeconds!: number;

  @Field(() => LivePiece, { description: 'The piece the window belongs to.' })
  piece!: LivePiece;

  @Field(() => [LiveEvent], { description: 'The events of the window, in time order.' })
  events!: LiveEvent[];
}

@ObjectType('RadioChannel', { description: 'A departures radio channel that has listeners now.' })
export class RadioChannel {
  @Field(() => String, { description: 'The airport code it is named after.' })
  channel!: string;

  @Field(() => Int, { description: 'Listeners on every server instance.' })
  listeners!: number;

  @Field(() => String, { nullable: true, description: 'The title of the piece playing now.' })
  nowPlaying?: string | null;
}
