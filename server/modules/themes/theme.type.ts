import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../graphql/relay.js';
import { SCALE_NAMES } from '../../engine/music/index.js';
import { Visibility } from '../shared/visibility.js';
import { CommunityData, InheritCacheHint } from '../../graphql/cache-control.js';

/** GraphQL enums built from the engine's own names, so the two can never disagree. */
const enumOf = <T extends string>(names: readonly T[]) => Object.fromEntries(names.map((n) => [n, n])) as { [K in T]: K };

export const Scale = enumOf(SCALE_NAMES);
registerEnumType(Scale, {
  name: 'Scale',
  valuesConfig: {
    BLUES: { description: 'Blues scale.' },
    DORIAN: { description: 'Dorian mode.' },
    HARMONIC_MINOR: { description: 'Harmonic minor.' },
    LYDIAN: { description: 'Lydian mode.' },
    MAJOR: { description: 'Major (Ionian).' },
    MAJOR_PENTATONIC: { description: 'Major pentatonic.' },
    MINOR_PENTATONIC: { description: 'Minor pentatonic.' },
    MIXOLYDIAN: { description: 'Mixolydian mode.' },
    NATURAL_MINOR: { description: 'Natural minor (Aeolian).' },
    PHRYGIAN: { description: 'Phrygian mode.' },
  },
  description: 'Scales and modes the engine composes in.',
});

export const TrackRole = enumOf(['MELODY', 'HARMONY', 'BASS', 'DRUMS'] as const);
registerEnumType(TrackRole, {
  name: 'TrackRole',
  description: "The part a track (or a theme's instrument) plays.",
  valuesConfig: { MELODY: { description: 'The tune.' }, HARMONY: { description: 'Chords and pads.' }, BASS: { description: 'The bass line.' }, DRUMS: { description: 'Drums (MIDI channel 10).' } },
});

export const KeyDriverEnum = enumOf(['HEADING', 'LONGITUDE', 'LATITUDE'] as const);
registerEnumType(KeyDriverEnum, {
  name: 'KeyDriver',
  valuesConfig: { HEADING: { description: 'The initial heading.' }, LATITUDE: { description: 'The mean latitude.' }, LONGITUDE: { description: "The origin's longitude." } },
  description: "What sets the home key: the initial heading, the origin's longitude or the mean latitude.",
});

export const TempoDriverEnum = enumOf(['DISTANCE', 'HUB_SIZE', 'ALTITUDE'] as const);
registerEnumType(TempoDriverEnum, {
  name: 'TempoDriver',
  valuesConfig: { ALTITUDE: { description: 'The highest airport: higher is slower.' }, DISTANCE: { description: 'Distance: short is fast.' }, HUB_SIZE: { description: 'Hub size: busy is fast.' } },
  description: 'What sets the tempo: distance (short = fast), hub size (busy = fast) or the highest airport.',
});

export const ModeDriverEnum = enumOf(['LATITUDE', 'HEADING'] as const);
registerEnumType(ModeDriverEnum, {
  name: 'ModeDriver',
  valuesConfig: { HEADING: { description: 'The heading alone.' }, LATITUDE: { description: 'Latitude and direction.' } },
  description: 'What sets how bright the mode is: latitude and direction, or the heading alone.',
});

@InheritCacheHint()
@ObjectType('ThemeMapping', { description: 'Which flight feature drives which musical choice.' })
export class ThemeMapping {
  @Field(() => KeyDriverEnum, { description: 'What sets the home key.' })
  key!: string;

  @Field(() => TempoDriverEnum, { description: 'What sets the tempo.' })
  tempo!: string;

  @Field(() => ModeDriverEnum, { description: 'What sets how bright the mode is.' })
  mode!: string;
}

@InheritCacheHint()
@ObjectType('ThemeInstrument', { description: 'The General-MIDI instrument a theme gives one part.' })
export class ThemeInstrument {
  @Field(() => TrackRole, { description: 'The part it plays.' })
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

  @Field(() => String, { description: "The theme's name." })
  name!: string;

  @Field(() => String, { description: 'What the theme sounds like.' })
  description!: string;

  @Field(() => Int, { description: 'Slowest tempo in BPM.' })
  tempoMin!: number;

  @Field(() => Int, { description: 'Fastest tempo in BPM.' })
  tempoMax!: number;

  @Field(() => [Scale], { description: 'Scales the theme prefers, most preferred first.' })
  scales!: string[];

  @Field(() => [ThemeInstrument], { description: 'One instrument per part.' })
  instruments!: ThemeInstrument[];

  @Field(() => Float, { description: '0-1: how busy the rhythms are.' })
  density!: number;

  @Field(() => Float, { description: '0-0.5: how far off-beat eighths are delayed (0.33 is a triplet swing).' })
  swing!: number;

  @Field(() => Boolean, { description: 'Whether it has a DRUMS part.' })
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

  @Field(() => ThemeMapping, { description: 'Which flight features drive key, tempo and mode.' })
  mapping!: ThemeMapping;

  @Field(() => Visibility, { description: 'Who may see and use it (built-ins are PUBLIC).' })
  visibility!: Visibility;

  @Field(() => Int, { description: 'Saved compositions made with it (custom themes; 0 for built-ins).' })
  usageCount!: number;
}
