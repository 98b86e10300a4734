import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../graphql/relay.js';
import { SCALE_NAMES } from '../../engine/music/index.js';
import { Visibility } from '../shared/visibility.js';
import { CommunityData, InheritCacheHint } from '../../graphql/cache-control.js';

/** GraphQL enums built from the engine's own names, so the two can never disagree. */
const enumOf = <T extends string>(names: readonly T[]) => Object.fromEntries(names.map((n) => [n, n])) as { [K in T]: K };

export const Scale = enumOf(SCALE_NAMES);
registerEnumType(Scale, { name: 'Scale', description: 'Scales and modes the engine composes in.' });

export const TrackRole = enumOf(['MELODY', 'HARMONY', 'BASS', 'DRUMS'] as const);
registerEnumType(TrackRole, { name: 'TrackRole' });

export const KeyDriverEnum = enumOf(['HEADING', 'LONGITUDE', 'LATITUDE'] as const);
registerEnumType(KeyDriverEnum, { name: 'KeyDriver', description: 'What sets the home key: the initial heading, the origin\'s longitude or the mean latitude.' });

export const TempoDriverEnum = enumOf(['DISTANCE', 'HUB_SIZE', 'ALTITUDE'] as const);
registerEnumType(TempoDriverEnum, { name: 'TempoDriver', description: 'What sets the tempo: distance (short = fast), hub size (busy = fast) or the highest airport.' });

export const ModeDriverEnum = enumOf(['LATITUDE', 'HEADING'] as const);
registerEnumType(ModeDriverEnum, { name: 'ModeDriver', description: 'What sets how bright the mode is: latitude and direction, or the heading alone.' });

@InheritCacheHint()
@ObjectType('ThemeMapping', { description: 'Which flight feature drives which musical choice.' })
export class ThemeMapping {
  @Field(() => KeyDriverEnum)
  key!: string;

  @Field(() => TempoDriverEnum)
  tempo!: string;

  @Field(() => ModeDriverEnum)
  mode!: string;
}

@InheritCacheHint()
@ObjectType('ThemeInstrument', { description: 'The General-MIDI instrument a theme gives one part.' })
export class ThemeInstrument {
  @Field(() => TrackRole)
  role!: string;

  @Field(() => String, { description: 'The part name, e.g. "Tenor Sax".' })
  name!: string;

  @Field(() => Int, { description: 'General MIDI program 0-127 (for drums: the kit).' })
  program!: number;

  @Field(() => String, { description: 'General MIDI instrument (or drum kit) name.' })
  instrument!: string;
}

@CommunityData()
@ObjectType('Theme', { implements: Node, description: 'A musical style: instruments, tempo range, scales, rhythm and feel.' })
export class Theme {
  @Field(() => ID, { description: 'The theme id, e.g. "jazz" or "custom-12": what ComposeInput.theme takes, and its global id.' })
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  description!: string;

  @Field(() => Int)
  tempoMin!: number;

  @Field(() => Int)
  tempoMax!: number;

  @Field(() => [Scale], { description: 'Scales the theme prefers, most preferred first.' })
  scales!: string[];

  @Field(() => [ThemeInstrument])
  instruments!: ThemeInstrument[];

  @Field(() => Float, { description: '0-1: how busy the rhythms are.' })
  density!: number;

  @Field(() => Float, { description: '0-0.5: how far off-beat eighths are delayed (0.33 is a triplet swing).' })
  swing!: number;

  @Field(() => Boolean)
  hasDrums!: boolean;

  @Field(() => Boolean, { description: 'True for the themes that ship with Aero Melody.' })
  builtIn!: boolean;

  @Field(() => Float, { description: '0-1: timing and loudness nuance.' })
  humanize!: number;

  @Field(() => Int, { description: 'Quietest MIDI velocity of a phrase.' })
  dynamicsBase!: number;

  @Field(() => Int, { description: 'How much louder a phrase peaks.' })
  dynamicsRange!: number;

  @Field(() => String, { nullable: true, description: 'The drum groove, when the theme has drums.' })
  drumPattern!: string | null;

  @Field(() => ThemeMapping)
  mapping!: ThemeMapping;

  @Field(() => Visibility)
  visibility!: Visibility;

  @Field(() => Int, { description: 'Saved compositions made with it (custom themes; 0 for built-ins).' })
  usageCount!: number;
}
