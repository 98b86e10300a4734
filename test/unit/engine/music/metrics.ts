/** Melody measurements, computed the way an outside listener's checker would: from notes, not from engine internals. */
import { SCALE_INTERVALS, pitchClassOf } from '../../../../server/engine/music/index.js';
import type { Score, ScoreNote } from '../../../../server/engine/music/index.js';

export interface MelodyFigures {
  notes: number;
  inScaleRatio: number;
  stepRatio: number;
  longestRun: number;
  distinctPitches: number;
  entropyBits: number;
  endsOnTonic: boolean;
  /** Share of leaps (>= 5 semitones) answered by a step (<= 3 semitones) the other way. */
  leapRecoveryRatio: number;
  leaps: number;
}

export function melodyOf(score: Score): ScoreNote[] {
  const track = score.tracks.find((candidate) => candidate.role === 'MELODY');
  if (!track) throw new Error('no melody track');
  return [...track.notes].sort((a, b) => a.startTicks - b.startTicks || a.pitch - b.pitch);
}

function ticksPerBar(score: Score): number {
  return score.ppq * score.timeSignature[0] * (4 / score.timeSignature[1]);
}

/** The section a note sounds in, by the bar its onset falls in. */
export function sectionAt(score: Score, startTicks: number): Score['sections'][number] {
  const bar = Math.floor(startTicks / ticksPerBar(score));
  const section = score.sections.find((candidate) => bar >= candidate.startBar && bar < candidate.startBar + candidate.bars);
  if (!section) throw new Error(`no section covers bar ${bar}`);
  return section;
}

export function inScale(score: Score, note: ScoreNote): boolean {
  const section = sectionAt(score, note.startTicks);
  const root = pitchClassOf(section.keyRoot);
  return SCALE_INTERVALS[section.scale].includes((((note.pitch - root) % 12) + 12) % 12);
}

export function melodyFigures(score: Score): MelodyFigures {
  const melody = melodyOf(score);
  let inScaleCount = 0;
  for (const note of melody) if (inScale(score, note)) inScaleCount++;
  let steps = 0;
  let longestRun = 1;
  let run = 1;
  let leaps = 0;
  let recovered = 0;
  for (let i = 1; i < melody.length; i++) {
    const interval = melody[i].pitch - melody[i - 1].pitch;
    if (Math.abs(interval) <= 2) steps++;
    run = interval === 0 ? run + 1 : 1;
    longestRun = Math.max(longestRun, run);
    if (Math.abs(interval) >= 5 && i + 1 < melody.length) {
      leaps++;
      const answer = melody[i + 1].pitch - melody[i].pitch;
      if (answer !== 0 && Math.sign(answer) !== Math.sign(interval) && Math.abs(answer) <= 3) recovered++;
    }
  }
  const counts = new Array<number>(12).fill(0);
  for (const note of melody) counts[note.pitch % 12]++;
  let entropy = 0;
  for (const count of counts) {
    if (count === 0) continue;
    const p = count / melody.length;
    entropy -= p * Math.log2(p);
  }
  const last = melody[melody.length - 1];
  const finalSection = score.sections[score.sections.length - 1];
  return {
    notes: melody.length,
    inScaleRatio: inScaleCount / melody.length,
    stepRatio: steps / (melody.length - 1),
    longestRun,
    distinctPitches: new Set(melody.map((note) => note.pitch)).size,
    entropyBits: entropy,
    endsOnTonic: last.pitch % 12 === pitchClassOf(finalSection.keyRoot),
    leapRecoveryRatio: leaps === 0 ? 1 : recovered / leaps,
    leaps,
  };
}

export function melodySignature(score: Score): string {
  return melodyOf(score)
    .map((note) => `${note.startTicks}:${note.pitch}`)
    .join(',');
}
