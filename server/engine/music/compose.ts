/** compose(): flight + theme + options -> Score. */
import { composeBass, composeDrums, composeHarmony } from './accompaniment.js';
import { analyseFlight, defaultDurationSeconds, defaultTempo, homeKeyFor, scaleForFlight } from './features.js';
import { PPQ, TICKS_PER_BAR, planForm } from './form.js';
import { composeMelody } from './melody.js';
import { DEFAULT_PAN, DEFAULT_VOLUME } from './midi.js';
import { NoteBuffer, performNotes } from './notes.js';
import { Rng, deriveSeed, hashString } from './random.js';
import { SCALE_NAMES, keySignature, pitchClassOf } from './theory.js';
import type { ComposeOptions, Flight, FlightAirport, Score, ScoreChord, ScoreSection, ScoreTrack, Theme, ThemePart } from './types.js';

const DRUM_CHANNEL = 9;
const MIN_DURATION_SECONDS = 10;
const MAX_DURATION_SECONDS = 300;
const MIN_TEMPO = 20;
const MAX_TEMPO = 400;
/** Pieces this long promise at least 8 distinct melody pitches (checked with a margin). */
const LONG_PIECE_SECONDS = 28;

function checkOptions(options: ComposeOptions): void {
  const { tempoBpm, durationSeconds, variation, keyRoot, scale } = options;
  if (tempoBpm !== undefined && !(tempoBpm >= MIN_TEMPO && tempoBpm <= MAX_TEMPO)) throw new RangeError(`tempoBpm must be ${MIN_TEMPO}..${MAX_TEMPO}`);
  if (durationSeconds !== undefined && !(durationSeconds >= MIN_DURATION_SECONDS && durationSeconds <= MAX_DURATION_SECONDS)) {
    throw new RangeError(`durationSeconds must be ${MIN_DURATION_SECONDS}..${MAX_DURATION_SECONDS}`);
  }
  if (variation !== undefined && !(Number.isInteger(variation) && variation >= 0)) throw new RangeError('variation must be an integer >= 0');
  if (keyRoot !== undefined && pitchClassOf(keyRoot) < 0) throw new RangeError(`unknown keyRoot "${keyRoot}"`);
  if (scale !== undefined && !SCALE_NAMES.includes(scale)) throw new RangeError(`unknown scale "${scale}"`);
}

/** The seed covers exactly the inputs that define a take: route order, theme, overrides, variation. */
function canonicalSeed(codes: readonly string[], options: ComposeOptions): number {
  const { theme, keyRoot, scale, tempoBpm, durationSeconds, variation } = options;
  return hashString([codes.join('>'), theme.id, keyRoot ?? '', scale ?? '', tempoBpm ?? '', durationSeconds ?? '', variation ?? 0].join('|'));
}

/** Melodic parts take channels 0, 1, 2 ... skipping 9, which General MIDI reserves for drums. */
function channelsFor(parts: readonly ThemePart[]): number[] {
  let next = 0;
  return parts.map((part) => {
    if (part.role === 'DRUMS') return DRUM_CHANNEL;
    if (next === DRUM_CHANNEL) next++;
    return next++;
  });
}

/** Register follows latitude: a southern route sits lower than a northern one, by up to 5 semitones. */
function melodyCentre(theme: Theme, meanLatitude: number): number {
  return theme.melodyRegister + Math.round(Math.max(-5, Math.min(5, meanLatitude / 12)));
}

export function compose(flight: Flight, options: ComposeOptions): Score {
  checkOptions(options);
  const { theme } = options;
  if (!theme.parts.some((part) => part.role === 'MELODY')) throw new RangeError(`theme "${theme.id}" has no MELODY part`);
  const features = analyseFlight(flight);
  const airports: FlightAirport[] = [flight.legs[0].origin, ...flight.legs.map((leg) => leg.destination)];
  const seed = canonicalSeed(features.codes, options);

  const tempoBpm = options.tempoBpm ?? defaultTempo(features, theme);
  const scale = options.scale ?? scaleForFlight(features, theme);
  const homeKey = options.keyRoot !== undefined ? pitchClassOf(options.keyRoot) : homeKeyFor(features, theme);
  const secondsPerBar = (4 * 60) / tempoBpm;
  const targetSeconds = options.durationSeconds ?? defaultDurationSeconds(features);
  const totalBars = Math.max(2, Math.round(targetSeconds / secondsPerBar));
  const totalTicks = totalBars * TICKS_PER_BAR;

  const form = planForm({
    features,
    airports,
    totalBars,
    homeKey,
    scale,
    harmony: theme.harmony,
    themeDensity: theme.density,
    melodicForm: theme.form ?? 'AABA',
    rng: new Rng(deriveSeed(seed, 'form')),
  });

  const channels = channelsFor(theme.parts);
  const tracks: ScoreTrack[] = theme.parts.map((part, index) => {
    const buffer = new NoteBuffer();
    if (part.role === 'MELODY') {
      composeMelody(
        {
          form,
          features,
          theme,
          centre: melodyCentre(theme, features.meanLatitude),
          seed: deriveSeed(seed, 'melody'),
          longPiece: totalBars * secondsPerBar >= LONG_PIECE_SECONDS,
        },
        buffer,
      );
    } else if (part.role === 'HARMONY') composeHarmony(form, theme, part, buffer);
    else if (part.role === 'BASS') composeBass(form, theme, part, buffer);
    else composeDrums(form, theme, part, buffer);
    const notes = performNotes(
      buffer,
      {
        swing: theme.swing,
        humanize: theme.humanize,
        // Drummers sit tighter on the grid than soloists.
        maxJitterTicks: part.role === 'DRUMS' ? 6 : 14,
        tempoBpm,
        totalTicks,
        monophonic: part.role === 'MELODY',
      },
      new Rng(deriveSeed(seed, `perform:${index}`)),
    );
    return {
      name: part.name,
      role: part.role,
      program: part.program,
      channel: channels[index],
      notes,
      volume: part.volume ?? DEFAULT_VOLUME,
      pan: part.pan ?? DEFAULT_PAN,
    };
  });

  const secondsPerTick = 60 / (tempoBpm * PPQ);
  const home = keySignature(homeKey, scale);
  const sections: ScoreSection[] = form.sections.map((section) => ({
    name: section.name,
    startSeconds: section.startBar * TICKS_PER_BAR * secondsPerTick,
    endSeconds: (section.startBar + section.bars) * TICKS_PER_BAR * secondsPerTick,
    startBar: section.startBar,
    bars: section.bars,
    legIndex: section.legIndex,
    keyRoot: keySignature(section.keyRoot, section.scale, home.sharps < 0).name,
    scale: section.scale,
  }));
  const chords: ScoreChord[] = form.bars.map((bar, index) => ({
    bar: index,
    startSeconds: index * TICKS_PER_BAR * secondsPerTick,
    symbol: bar.chord.symbol,
    roman: bar.chord.roman,
  }));

  return {
    seed,
    themeId: theme.id,
    ppq: PPQ,
    tempoBpm,
    keyRoot: home.name,
    scale,
    timeSignature: [4, 4],
    durationSeconds: totalTicks * secondsPerTick,
    totalTicks,
    sections,
    chords,
    tracks,
    airports: features.codes,
    reverb: theme.reverb,
  };
}
