import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsOptional, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Node, connectionTypes } from '../../graphql/relay.js';
import { IsAirportCode } from '../airports/airport-code.js';
import { Scale, Theme, TrackRole } from '../themes/theme.type.js';
import { User } from '../users/user.type.js';
import { License, Visibility } from '../shared/visibility.js';
import { KEY_NAMES, MAX_DURATION_SECONDS, MAX_JOURNEY_AIRPORTS, MAX_TEMPO_BPM, MAX_VARIATION, MIN_DURATION_SECONDS, MIN_TEMPO_BPM } from './compose-limits.js';
import { CommunityData, InheritCacheHint } from '../../graphql/cache-control.js';

export const FlightKind = { ROUTE: 'ROUTE', PATH: 'PATH', JOURNEY: 'JOURNEY' } as const;
registerEnumType(FlightKind, {
  name: 'FlightKind',
  valuesConfig: { JOURNEY: { description: 'Any airports in order (legs need not be real routes).' }, PATH: { description: 'Consecutive real routes.' }, ROUTE: { description: 'One real route.' } },
  description: 'ROUTE: one real route; PATH: consecutive real routes; JOURNEY: any airports in order.',
});

@InputType('RouteInput')
export class RouteInput {
  @Field(() => String, { description: 'Origin airport, IATA or ICAO code.' })
  @IsAirportCode()
  from!: string;

  @Field(() => String, { description: 'Destination airport, IATA or ICAO code.' })
  @IsAirportCode()
  to!: string;
}

/**
 * The musical choices a new piece or a remix can make; shared by ComposeInput and RemixInput.
 * No field takes it, so it never appears in the schema itself, only through its subclasses.
 */
@InputType('PieceChoices')
abstract class PieceChoices {
  @Field(() => String, { nullable: true, description: 'Theme id (see `themes`); by default the flight (or the original) chooses.' })
  @IsOptional()
  @Length(1, 64)
  theme?: string;

  @Field(() => String, { nullable: true, description: 'Key root, e.g. "D", "F#" or "Bb".' })
  @IsOptional()
  @IsIn(KEY_NAMES, { message: `keyRoot must be a note name: ${KEY_NAMES.join(', ')}` })
  keyRoot?: string;

  @Field(() => Scale, { nullable: true, description: 'Scale or mode; by default the theme and the flight (or the original) choose.' })
  @IsOptional()
  scale?: string;

  @Field(() => Int, { nullable: true, description: `Tempo ${MIN_TEMPO_BPM}-${MAX_TEMPO_BPM} BPM; by default from the distance.` })
  @IsOptional()
  @Min(MIN_TEMPO_BPM, { message: `tempoBpm must be at least ${MIN_TEMPO_BPM}` })
  @Max(MAX_TEMPO_BPM, { message: `tempoBpm must be at most ${MAX_TEMPO_BPM}` })
  tempoBpm?: number;

  @Field(() => Int, { nullable: true, description: `Length ${MIN_DURATION_SECONDS}-${MAX_DURATION_SECONDS} s; by default from the distance.` })
  @IsOptional()
  @Min(MIN_DURATION_SECONDS, { message: `durationSeconds must be at least ${MIN_DURATION_SECONDS}` })
  @Max(MAX_DURATION_SECONDS, { message: `durationSeconds must be at most ${MAX_DURATION_SECONDS}` })
  durationSeconds?: number;

  @Field(() => Int, { nullable: true, description: 'A different take of the same flight (default 0).' })
  @IsOptional()
  @Min(0, { message: 'variation must be at least 0' })
  @Max(MAX_VARIATION, { message: `variation must be at most ${MAX_VARIATION}` })
  variation?: number;

  @Field(() => String, { nullable: true, description: "Title, up to 120 characters; by default made from the airports (or the original's)." })
  @IsOptional()
  @MaxLength(120, { message: 'title must be at most 120 characters' })
  title?: string;

  @Field(() => Visibility, { nullable: true, description: 'When saved; default PUBLIC.' })
  @IsOptional()
  visibility?: Visibility;

  @Field(() => License, { nullable: true, description: "When saved; default CC_BY_4_0 (for a remix: the original's)." })
  @IsOptional()
  license?: License;
}

@InputType('ComposeInput', { description: 'Exactly one of route, path or journey, plus optional choices.' })
export class ComposeInput extends PieceChoices {
  @Field(() => RouteInput, { nullable: true, description: 'One real route.' })
  @IsOptional()
  @ValidateNested()
  route?: RouteInput;

  @Field(() => [String], { nullable: true, description: `2-${MAX_JOURNEY_AIRPORTS} airports; every consecutive pair must be a real route.` })
  @IsOptional()
  @ArrayMinSize(2, { message: 'path needs at least 2 airports' })
  @ArrayMaxSize(MAX_JOURNEY_AIRPORTS, { message: `path takes at most ${MAX_JOURNEY_AIRPORTS} airports` })
  @IsAirportCode({ each: true })
  path?: string[];

  @Field(() => [String], { nullable: true, description: `2-${MAX_JOURNEY_AIRPORTS} airports of a personal trip; legs need not be real routes.` })
  @IsOptional()
  @ArrayMinSize(2, { message: 'journey needs at least 2 airports' })
  @ArrayMaxSize(MAX_JOURNEY_AIRPORTS, { message: `journey takes at most ${MAX_JOURNEY_AIRPORTS} airports` })
  @IsAirportCode({ each: true })
  journey?: string[];
}

@InputType('RemixInput', { description: 'What to change from the original; everything not given is taken from it.' })
export class RemixInput extends PieceChoices {}

@InputType('CompositionPatch', {
  description: "The fields to change; omitted fields stay as they are. Musical changes compose the piece again; visibility and licence are the owner's.",
})
export class CompositionPatch extends PieceChoices {}

@InheritCacheHint()
@ObjectType('Note')
export class Note {
  @Field(() => Int, { description: 'MIDI pitch (60 = middle C).' })
  pitch!: number;

  @Field(() => Float, { description: 'Start in seconds from the beginning of the piece.' })
  start!: number;

  @Field(() => Float, { description: 'Duration in seconds.' })
  duration!: number;

  @Field(() => Int, { description: 'MIDI velocity 1-127.' })
  velocity!: number;
}

@InheritCacheHint()
@ObjectType('Track')
export class Track {
  @Field(() => String, { description: "The track's name." })
  name!: string;

  @Field(() => TrackRole, { description: 'The part it plays.' })
  role!: string;

  @Field(() => String, { description: 'General MIDI instrument (or drum kit) name.' })
  instrument!: string;

  @Field(() => Int, { description: 'General MIDI program 0-127.' })
  program!: number;

  @Field(() => Int, { description: 'MIDI channel 1-16; drums are on 10.' })
  channel!: number;

  @Field(() => [Note], { description: 'Every note, in time order.' })
  notes!: Note[];
}

@InheritCacheHint()
@ObjectType('Section', { description: 'A part of the piece; each leg of the flight is at least one section.' })
export class Section {
  @Field(() => String, { description: 'Its name, e.g. "Takeoff" or "Cruise".' })
  name!: string;

  @Field(() => Int, { description: 'Which leg of the flight (0-based) the section plays.' })
  leg!: number;

  @Field(() => Float, { description: 'When it starts, in seconds.' })
  startSeconds!: number;

  @Field(() => Float, { description: 'When it ends, in seconds.' })
  endSeconds!: number;

  @Field(() => Int, { description: '0-based bar where the section starts.' })
  startBar!: number;

  @Field(() => Int, { description: 'Length in bars.' })
  bars!: number;

  @Field(() => String, { description: 'Key root of the section.' })
  key!: string;

  @Field(() => Scale, { description: 'Scale or mode of the section.' })
  scale!: string;
}

@InheritCacheHint()
@ObjectType('Chord')
export class Chord {
  @Field(() => Int, { description: '0-based bar.' })
  bar!: number;

  @Field(() => Float, { description: 'When the chord starts, in seconds.' })
  startSeconds!: number;

  @Field(() => String, { description: 'Chord symbol, e.g. "Dm7".' })
  symbol!: string;

  @Field(() => String, { description: 'Roman numeral in the key, e.g. "ii7".' })
  roman!: string;
}

@InheritCacheHint()
@ObjectType('CompositionViewerCan', { description: 'What the signed-in person may do with a piece (the rules: docs/authorization.md). All false for previews and for signed-out viewers.' })
export class CompositionViewerCan {
  @Field(() => Boolean, { description: 'Change its title and music (updateComposition): the owner and editors.' })
  edit!: boolean;

  @Field(() => Boolean, { description: 'Change its visibility: the owner.' })
  setVisibility!: boolean;

  @Field(() => Boolean, { description: 'Change its licence: the owner.' })
  setLicence!: boolean;

  @Field(() => Boolean, { description: 'Delete it: the owner.' })
  delete!: boolean;

  @Field(() => Boolean, { description: 'Invite and remove collaborators: the owner.' })
  invite!: boolean;

  @Field(() => Boolean, { description: 'Enter it in a contest (the contest has rules of its own): the owner.' })
  enterContest!: boolean;

  @Field(() => Boolean, { description: 'Comment on it: anyone signed in who may see it.' })
  comment!: boolean;

  @Field(() => Boolean, { description: 'Export its audio: anyone signed in who may see it; under ALL_RIGHTS_RESERVED the owner and collaborators.' })
  export!: boolean;

  @Field(() => Boolean, { description: 'Remix it: anyone signed in who may see it; under ALL_RIGHTS_RESERVED the owner only.' })
  remix!: boolean;
}

@CommunityData()
@ObjectType('Composition', { implements: Node, description: 'A piece of music made from a flight.' })
export class Composition extends Node {
  @Field(() => String, { description: "The piece's title." })
  title!: string;

  @Field(() => FlightKind, { description: 'Whether it plays one route, a path of routes or a journey.' })
  kind!: string;

  @Field(() => Theme, { description: 'The theme as it was when the piece was made.' })
  theme!: Theme;

  @Field(() => Float, { description: 'Tempo in beats per minute.' })
  tempoBpm!: number;

  @Field(() => String, { description: 'Key root of the opening section, e.g. "D".' })
  key!: string;

  @Field(() => Scale, { description: 'Scale or mode of the opening section.' })
  scale!: string;

  @Field(() => String, { description: 'e.g. "4/4".' })
  timeSignature!: string;

  @Field(() => Float, { description: 'Length in seconds.' })
  durationSeconds!: number;

  @Field(() => Int, { description: 'Which take of the flight (0 is the default).' })
  variation!: number;

  @Field(() => String, { description: 'The seed the engine derived from the inputs (decimal).' })
  seed!: string;

  @Field(() => String, { description: 'Version of the music engine that made the piece.' })
  engineVersion!: string;

  @Field(() => Boolean, { description: 'False for previews, which are never stored.' })
  saved!: boolean;

  @Field(() => Visibility, { description: 'Who may see it.' })
  visibility!: Visibility;

  @Field(() => License, { description: 'Under which terms others may use and remix it.' })
  license!: License;

  @Field(() => Int, { description: 'Bumped by every accepted update; pass it as expectedVersion.' })
  version!: number;

  @Field(() => Int, { description: 'Listens; each listener counts at most once per hour.' })
  playCount!: number;

  @Field(() => String, { nullable: true, description: 'For a remix: the credit to the original and its author, kept even if the original goes.' })
  attribution!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the piece was saved; null for previews.' })
  createdAt!: Date | null;
}

@ObjectType('CompositionChange', { description: 'An accepted change to a saved composition.' })
export class CompositionChange {
  @Field(() => Composition, { nullable: true, description: 'The piece after the change; null if it was deleted since.' })
  composition!: object | null;

  @Field(() => Int, { description: "The piece's version after the change." })
  version!: number;

  @Field(() => [String], { description: 'Which fields of the patch changed, e.g. ["title", "visibility"].' })
  changedFields!: string[];

  @Field(() => User, { nullable: true, description: 'Who made the change.' })
  author!: object | null;
}

@InheritCacheHint()
@ObjectType('CompositionConnection')
export class CompositionConnection extends connectionTypes(Composition, 'Composition') {}
