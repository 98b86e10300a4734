import { Field, Float, InputType, Int, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsOptional, Length, Max, Min, ValidateNested } from 'class-validator';
import { BUILT_IN_THEMES, DRUM_PATTERNS } from '../../engine/music/index.js';
import { Visibility } from '../shared/visibility.js';
import { KeyDriverEnum, ModeDriverEnum, Scale, TempoDriverEnum, TrackRole } from './theme.type.js';

const BUILT_IN_IDS = BUILT_IN_THEMES.map((theme) => theme.id);
const DRUM_PATTERN_IDS = Object.keys(DRUM_PATTERNS);

export const ThemeScope = { ALL: 'ALL', BUILT_IN: 'BUILT_IN', GALLERY: 'GALLERY', MINE: 'MINE' } as const;
export type ThemeScope = keyof typeof ThemeScope;
registerEnumType(ThemeScope, {
  name: 'ThemeScope',
  valuesConfig: {
    ALL: { description: 'Built-in, the public gallery, then yours.' },
    BUILT_IN: { description: 'The themes that ship with Aero Melody.' },
    GALLERY: { description: 'Public custom themes, most used first.' },
    MINE: { description: 'Your own themes.' },
  },
  description: 'ALL: built-in, then public gallery by use, then yours; BUILT_IN; GALLERY: public custom themes, most used first; MINE.',
});

@InputType('ThemeFilter')
export class ThemeFilter {
  @Field(() => ThemeScope, { description: 'Which themes to list (default ALL).', nullable: true, defaultValue: 'ALL' })
  @IsOptional()
  scope?: ThemeScope;
}

@InputType('ThemeInstrumentInput')
export class ThemeInstrumentInput {
  @Field(() => TrackRole, { description: 'The part it plays: MELODY, HARMONY, BASS or DRUMS.' })
  role!: 'MELODY' | 'HARMONY' | 'BASS' | 'DRUMS';

  @Field(() => String, { description: 'What the part is called, e.g. "Tenor Sax".' })
  @Length(1, 40, { message: 'an instrument name must be 1 to 40 characters' })
  name!: string;

  @Field(() => Int, { description: 'General MIDI program 0-127 (for DRUMS: the drum kit).' })
  @Min(0, { message: 'program must be a General MIDI program from 0 to 127' })
  @Max(127, { message: 'program must be a General MIDI program from 0 to 127' })
  program!: number;
}

@InputType('ThemeMappingInput', { description: 'Which flight feature drives which musical choice.' })
export class ThemeMappingInput {
  @Field(() => KeyDriverEnum, { description: 'What sets the home key.', defaultValue: 'HEADING' })
  key!: 'HEADING' | 'LONGITUDE' | 'LATITUDE';

  @Field(() => TempoDriverEnum, { description: 'What sets the tempo.', defaultValue: 'DISTANCE' })
  tempo!: 'DISTANCE' | 'HUB_SIZE' | 'ALTITUDE';

  @Field(() => ModeDriverEnum, { description: 'What sets how bright the mode is.', defaultValue: 'LATITUDE' })
  mode!: 'LATITUDE' | 'HEADING';
}

/** Every field optional: creation fills gaps from `basedOn`, an update from the theme as it is. */
@InputType('ThemeInput', { description: 'A theme of your own; what you leave out comes from the built-in theme in basedOn.' })
export class ThemeInput {
  @Field(() => String, { description: "The theme's name, 1 to 60 characters.", nullable: true })
  @IsOptional()
  @Length(1, 60, { message: 'name must be 1 to 60 characters' })
  name?: string;

  @Field(() => String, { description: 'What the theme sounds like, up to 500 characters.', nullable: true })
  @IsOptional()
  @Length(0, 500, { message: 'description must be at most 500 characters' })
  description?: string;

  @Field(() => String, { nullable: true, description: `Built-in theme giving rhythms, harmony and defaults (${BUILT_IN_IDS.join(', ')}); default classical.` })
  @IsOptional()
  @IsIn(BUILT_IN_IDS, { message: `basedOn must be a built-in theme: ${BUILT_IN_IDS.join(', ')}` })
  basedOn?: string;

  @Field(() => Int, { description: 'Slowest tempo in BPM, 40-240.', nullable: true })
  @IsOptional()
  @Min(40, { message: 'tempoMin must be at least 40' })
  @Max(240, { message: 'tempoMin must be at most 240' })
  tempoMin?: number;

  @Field(() => Int, { description: 'Fastest tempo in BPM, 40-240, at least tempoMin.', nullable: true })
  @IsOptional()
  @Min(40, { message: 'tempoMax must be at least 40' })
  @Max(240, { message: 'tempoMax must be at most 240' })
  tempoMax?: number;

  @Field(() => [Scale], { nullable: true, description: 'Allowed scales, most preferred first.' })
  @IsOptional()
  @ArrayMinSize(1, { message: 'scales needs at least one scale' })
  @ArrayMaxSize(10, { message: 'scales takes at most 10 scales' })
  scales?: string[];

  @Field(() => [ThemeInstrumentInput], { nullable: true, description: 'One instrument per part; exactly one MELODY.' })
  @IsOptional()
  @ArrayMinSize(1, { message: 'instruments needs at least a MELODY part' })
  @ArrayMaxSize(4, { message: 'instruments takes at most one part per role (4)' })
  @ValidateNested({ each: true })
  instruments?: ThemeInstrumentInput[];

  @Field(() => Float, { nullable: true, description: '0-1: how busy the rhythms are.' })
  @IsOptional()
  @Min(0, { message: 'density must be between 0 and 1' })
  @Max(1, { message: 'density must be between 0 and 1' })
  density?: number;

  @Field(() => Float, { nullable: true, description: '0-0.5: delay of off-beat eighths (0.33 = triplet swing).' })
  @IsOptional()
  @Min(0, { message: 'swing must be between 0 and 0.5' })
  @Max(0.5, { message: 'swing must be between 0 and 0.5' })
  swing?: number;

  @Field(() => Float, { nullable: true, description: '0-1: timing and loudness nuance.' })
  @IsOptional()
  @Min(0, { message: 'humanize must be between 0 and 1' })
  @Max(1, { message: 'humanize must be between 0 and 1' })
  humanize?: number;

  @Field(() => Int, { nullable: true, description: 'Quietest MIDI velocity of a phrase, 1-127.' })
  @IsOptional()
  @Min(1, { message: 'dynamicsBase must be between 1 and 127' })
  @Max(127, { message: 'dynamicsBase must be between 1 and 127' })
  dynamicsBase?: number;

  @Field(() => Int, { nullable: true, description: 'How much louder a phrase peaks; base + range at most 127.' })
  @IsOptional()
  @Min(0, { message: 'dynamicsRange must be between 0 and 126' })
  @Max(126, { message: 'dynamicsRange must be between 0 and 126' })
  dynamicsRange?: number;

  @Field(() => String, { nullable: true, description: `Drum groove: ${DRUM_PATTERN_IDS.join(', ')}; needs a DRUMS part.` })
  @IsOptional()
  @IsIn(DRUM_PATTERN_IDS, { message: `drumPattern must be one of ${DRUM_PATTERN_IDS.join(', ')}` })
  drumPattern?: string;

  @Field(() => ThemeMappingInput, { description: "Which flight features drive key, tempo and mode; default the basedOn theme's.", nullable: true })
  @IsOptional()
  @ValidateNested()
  mapping?: ThemeMappingInput;

  @Field(() => Visibility, { nullable: true, description: 'Default PUBLIC (in the gallery).' })
  @IsOptional()
  visibility?: Visibility;
}
