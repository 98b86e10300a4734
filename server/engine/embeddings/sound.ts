/** What a listener hears in a Score, measured from its notes rather than from the flight behind it. */
import { BUILT_IN_THEMES, SCALE_INTERVALS, pitchClassOf, type Score, type ScoreNote } from '../music/index.js';
import { circularBins, histogramShares, joinEqually, radialBins, unit } from './encoding.js';

const THEME_IDS = BUILT_IN_THEMES.map((theme) => theme.id);

/** The notes each measurement reads, gathered in one pass over the score. */
export interface Heard {
  score: Score;
  /** Melody notes in time order. */
  melody: ScoreNote[];
  /** Melody, harmony and bass: everything with a pitch class. */
  pitched: ScoreNote[];
  accompanimentOnsets: Set<number>;
  drumOnsets: Set<number>;
}

export function listen(score: Score): Heard {
  const heard: Heard = { score, melody: [], pitched: [], accompanimentOnsets: new Set(), drumOnsets: new Set() };
  for (const track of score.tracks) {
    if (track.role === 'DRUMS') {
      for (const note of track.notes) heard.drumOnsets.add(note.startTicks);
      continue;
    }
    heard.pitched.push(...track.notes);
    if (track.role === 'MELODY') heard.melody.push(...track.notes);
    else for (const note of track.notes) heard.accompanimentOnsets.add(note.startTicks);
  }
  heard.melody.sort((a, b) => a.startTicks - b.startTicks || b.pitch - a.pitch);
  return heard;
}

/** The style carries instrumentation, groove and harmony idiom at once. Custom themes read as neutral. */
export function themeBlock({ score }: Heard): number[] {
  return unit(THEME_IDS.map((id) => (id === score.themeId ? 1 : 0)));
}

/** The tonic's place on the circle of fifths, so C sits nearer G and F than F#. */
export function keyBlock({ score }: Heard): number[] {
  const pitchClass = pitchClassOf(score.keyRoot);
  return unit(circularBins(((pitchClass * 7) % 12) / 12, 12));
}

/** The scale's notes above its tonic: Dorian and natural minor share six of seven, Lydian and Phrygian four. */
export function modeBlock({ score }: Heard): number[] {
  const intervals = new Set(SCALE_INTERVALS[score.scale]);
  return unit(Array.from({ length: 12 }, (_, i) => (intervals.has(i) ? 1 : 0)));
}

/** How long each absolute pitch class sounds in the pitched parts: the piece's tonal colour. */
export function pitchClassBlock({ pitched }: Heard): number[] {
  const seconds = new Array<number>(12).fill(0);
  for (const note of pitched) seconds[note.pitch % 12] += note.duration;
  return unit(histogramShares(seconds));
}

export function tempoBlock({ score }: Heard): number[] {
  return unit(radialBins(Math.log2(score.tempoBpm), Math.log2(60), Math.log2(170), 8));
}

/** Size class of a melodic move by its semitones: repeat, step, skip, leap; 8 or more is a big leap. */
const MOVE_SIZE = [0, 1, 1, 2, 2, 3, 3, 3];

/** Nine bins: down a big leap, leap, skip, step; repeat; up a step, skip, leap, big leap. */
function intervalBin(semitones: number): number {
  const size = Math.abs(semitones) >= MOVE_SIZE.length ? 4 : MOVE_SIZE[Math.abs(semitones)];
  return 4 + Math.sign(semitones) * size;
}

export function intervalBlock({ melody }: Heard): number[] {
  const counts = new Array<number>(9).fill(0);
  for (let i = 1; i < melody.length; i++) counts[intervalBin(melody[i].pitch - melody[i - 1].pitch)]++;
  return unit(histogramShares(counts));
}

/** Three-note shapes (down, level or up, then down, level or up): arches, runs, zig-zags, pedals. */
export function contourBlock({ melody }: Heard): number[] {
  const counts = new Array<number>(9).fill(0);
  for (let i = 2; i < melody.length; i++) {
    const first = Math.sign(melody[i - 1].pitch - melody[i - 2].pitch) + 1;
    const second = Math.sign(melody[i].pitch - melody[i - 1].pitch) + 1;
    counts[first * 3 + second]++;
  }
  return unit(histogramShares(counts));
}

const barTicksOf = (score: Score): number => (score.ppq * 4 * score.timeSignature[0]) / score.timeSignature[1];

/** Where in the bar the melody starts its notes, on a sixteenth grid: straight, syncopated or swung. */
export function rhythmBlock({ score, melody }: Heard): number[] {
  const barTicks = barTicksOf(score);
  const counts = new Array<number>(16).fill(0);
  for (const note of melody) counts[Math.round(((note.startTicks % barTicks) / barTicks) * 16) % 16]++;
  return unit(histogramShares(counts));
}

function perBeat(score: Score, onsets: number): number {
  const beats = score.totalTicks / score.ppq;
  return beats > 0 ? onsets / beats : 0;
}

/** Onsets per beat of the tune, the accompaniment and the drums (0 when a part has none). */
export function densityBlock({ score, melody, accompanimentOnsets, drumOnsets }: Heard): number[] {
  return joinEqually([
    radialBins(perBeat(score, new Set(melody.map((note) => note.startTicks)).size), 0, 3, 7),
    radialBins(perBeat(score, accompanimentOnsets.size), 0, 3, 7),
    radialBins(perBeat(score, drumOnsets.size), 0, 3, 7),
  ]);
}

/** The melody's mean pitch, C3 to C6. */
export function registerBlock({ melody }: Heard): number[] {
  const mean = melody.length > 0 ? melody.reduce((sum, note) => sum + note.pitch, 0) / melody.length : 66;
  return unit(radialBins(mean, 48, 84, 8));
}

export function lengthBlock({ score }: Heard): number[] {
  return unit(radialBins(Math.log2(score.durationSeconds), Math.log2(20), Math.log2(240), 6));
}
