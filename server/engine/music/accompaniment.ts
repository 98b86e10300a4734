/** Harmony (voice-led chords), bass line and drums, all reading the same bar-by-bar plan. */
import type { FormPlan } from './form.js';
import { TICKS_PER_BAR, TICKS_PER_STEP, intensityAt } from './form.js';
import type { NoteBuffer } from './notes.js';
import { BASS_SYMBOLS, COMP_SYMBOLS, DRUM, DRUM_PATTERNS, drumBar, parseBarPattern } from './patterns.js';
import type { Chord } from './chords.js';
import { scaleMask } from './theory.js';
import type { Theme, ThemePart } from './types.js';

const HARMONY_LOW = 48;
const HARMONY_HIGH = 74;
const HARMONY_CENTRE = 61;
const POWER_LOW = 40;
const BASS_LOW = 28;
const BASS_HIGH = 50;
const FINAL_CHORD = 'x---------------';
const FINAL_BASS = 'R---------------';

/** Whether a part plays in a bar: small airports get a thinner band. The melody always plays. */
function partPlays(part: ThemePart, form: FormPlan, bar: number): boolean {
  if (part.role === 'MELODY') return true;
  return form.sections[form.bars[bar].sectionIndex].hubDegree >= (part.minHubDegree ?? 0);
}

/** The pitch of a pitch class nearest to a reference pitch, kept inside [low, high]. */
function nearestPitch(pc: number, reference: number, low: number, high: number): number {
  let pitch = reference + ((((pc - reference) % 12) + 18) % 12) - 6;
  while (pitch < low) pitch += 12;
  while (pitch > high) pitch -= 12;
  return pitch;
}

/** Root position, close, around the middle of the harmony range: where the first chord starts. */
function openingVoicing(chord: Chord, out: Int32Array): void {
  const root = nearestPitch(chord.root, HARMONY_CENTRE - 5, HARMONY_LOW, HARMONY_HIGH - 12);
  for (let v = 0; v < 4; v++) out[v] = v < chord.intervals.length ? root + chord.intervals[v] : root + 12;
}

/**
 * Voice leading: every voice moves to its nearest chord tone, then any essential tone left out
 * (root, third, seventh) is taken by the doubled voice that gets there most cheaply. The result
 * moves each voice as little as the harmony allows.
 */
function voiceLead(chord: Chord, previous: Int32Array, out: Int32Array): void {
  const intervals = chord.intervals;
  for (let v = 0; v < 4; v++) {
    let best = -1;
    for (const interval of intervals) {
      const candidate = nearestPitch((chord.root + interval) % 12, previous[v], HARMONY_LOW, HARMONY_HIGH);
      if (best < 0 || Math.abs(candidate - previous[v]) < Math.abs(best - previous[v])) best = candidate;
    }
    out[v] = best;
  }
  // The fifth is the one tone a four-voice chord may omit.
  for (let t = 0; t < intervals.length; t++) {
    if (intervals[t] === 7 && intervals.length === 4) continue;
    const pc = (chord.root + intervals[t]) % 12;
    let covered = false;
    for (let v = 0; v < 4; v++) if (out[v] % 12 === pc) covered = true;
    if (covered) continue;
    let bestVoice = -1;
    let bestPitch = 0;
    let bestCost = Infinity;
    for (let v = 0; v < 4; v++) {
      let shared = 0;
      for (let w = 0; w < 4; w++) if (out[w] % 12 === out[v] % 12) shared++;
      if (shared < 2) continue;
      const candidate = nearestPitch(pc, previous[v], HARMONY_LOW, HARMONY_HIGH);
      const cost = Math.abs(candidate - previous[v]);
      if (cost < bestCost) {
        bestCost = cost;
        bestVoice = v;
        bestPitch = candidate;
      }
    }
    if (bestVoice >= 0) out[bestVoice] = bestPitch;
  }
  out.sort();
  // Two voices on one pitch would be heard as one: spread a unison to the next octave that fits.
  for (let v = 1; v < 4; v++) if (out[v] === out[v - 1]) out[v] += out[v] + 12 <= HARMONY_HIGH ? 12 : -12;
  out.sort();
}

export function composeHarmony(form: FormPlan, theme: Theme, part: ThemePart, out: NoteBuffer): void {
  const voicing = new Int32Array(4);
  const previousVoicing = new Int32Array(4);
  let voiced = false;
  for (let bar = 0; bar < form.totalBars; bar++) {
    if (!partPlays(part, form, bar)) continue;
    const plan = form.bars[bar];
    const phrase = form.phrases[plan.phraseIndex];
    const isFinal = bar === form.totalBars - 1;
    const events = parseBarPattern(isFinal ? FINAL_CHORD : phrase.busy ? theme.comping.busy : theme.comping.sparse, COMP_SYMBOLS);
    let voiceCount = 4;
    if (theme.harmony === 'POWER') {
      // Power chords move in parallel: root, fifth, octave, with the root kept near the last one.
      const previousRoot = voiced ? voicing[0] : POWER_LOW + 7;
      let root = POWER_LOW + ((((plan.chord.root - POWER_LOW) % 12) + 12) % 12);
      if (root + 12 - previousRoot < previousRoot - root) root += 12;
      voicing[0] = root;
      voicing[1] = root + 7;
      voicing[2] = root + 12;
      voiceCount = 3;
    } else {
      if (voiced) voiceLead(plan.chord, previousVoicing, voicing);
      else openingVoicing(plan.chord, voicing);
      previousVoicing.set(voicing);
    }
    voiced = true;
    const barTick = bar * TICKS_PER_BAR;
    for (const event of events) {
      const velocity = theme.dynamics.base + theme.dynamics.range * intensityAt(form, bar, event.step) - 12 + (event.step === 0 ? 4 : 0);
      const start = barTick + event.step * TICKS_PER_STEP;
      const length = event.length * TICKS_PER_STEP - (isFinal ? 0 : 8);
      if (event.symbol === 'x') {
        for (let v = 0; v < voiceCount; v++) out.add(start, length, voicing[v], velocity, barTick);
      } else {
        out.add(start, length, voicing[Number(event.symbol) % voiceCount], velocity, barTick);
      }
    }
  }
}

export function composeBass(form: FormPlan, theme: Theme, part: ThemePart, out: NoteBuffer): void {
  const chromaticApproach = theme.harmony === 'SEVENTHS';
  let previous = 36;
  for (let bar = 0; bar < form.totalBars; bar++) {
    if (!partPlays(part, form, bar)) continue;
    const plan = form.bars[bar];
    const phrase = form.phrases[plan.phraseIndex];
    const isFinal = bar === form.totalBars - 1;
    const events = parseBarPattern(isFinal ? FINAL_BASS : phrase.busy ? theme.bassline.busy : theme.bassline.sparse, BASS_SYMBOLS);
    const chord = plan.chord;
    const root = nearestPitch(chord.root, previous, BASS_LOW, BASS_HIGH);
    const barTick = bar * TICKS_PER_BAR;
    for (const event of events) {
      let pitch: number;
      switch (event.symbol) {
        case 'F':
          pitch = root + 7 <= BASS_HIGH + 2 ? root + 7 : root - 5;
          break;
        case 'T':
          pitch = root + chord.intervals[1];
          break;
        case 'O':
          pitch = root + 12;
          break;
        case 'A': {
          // Lead into the next bar's root: a semitone below in jazz-like styles, a scale step below otherwise.
          if (isFinal) {
            pitch = root;
            break;
          }
          const nextPlan = form.bars[bar + 1];
          const nextRoot = nearestPitch(nextPlan.chord.root, root, BASS_LOW + 2, BASS_HIGH);
          if (chromaticApproach) pitch = nextRoot - 1;
          else {
            const section = form.sections[nextPlan.sectionIndex];
            const keyMask = scaleMask(section.keyRoot, section.scale);
            pitch = nextRoot - 1;
            while (!(keyMask & (1 << (pitch % 12)))) pitch--;
          }
          break;
        }
        default:
          pitch = root;
      }
      const velocity = theme.dynamics.base + theme.dynamics.range * intensityAt(form, bar, event.step) - 2 + (event.step % 8 === 0 ? 6 : 0);
      out.add(barTick + event.step * TICKS_PER_STEP, event.length * TICKS_PER_STEP - (isFinal ? 0 : 12), pitch, velocity, barTick);
    }
    previous = root;
  }
}

const DRUM_HIT_TICKS = TICKS_PER_STEP;

export function composeDrums(form: FormPlan, theme: Theme, part: ThemePart, out: NoteBuffer): void {
  if (theme.drumPattern === null) return;
  const pattern = DRUM_PATTERNS[theme.drumPattern];
  if (!pattern) throw new RangeError(`unknown drum pattern "${theme.drumPattern}"`);
  const groove = drumBar(pattern, false);
  const fill = drumBar(pattern, true);
  // The last bar is a single ringing hit with the kick under it.
  const finalNote = pattern.crashNote ?? pattern.groove[0].note;
  for (let bar = 0; bar < form.totalBars; bar++) {
    if (!partPlays(part, form, bar)) continue;
    const plan = form.bars[bar];
    const phrase = form.phrases[plan.phraseIndex];
    const barTick = bar * TICKS_PER_BAR;
    const loudness = theme.dynamics.base + theme.dynamics.range * intensityAt(form, bar, 0) + 18;
    if (bar === form.totalBars - 1) {
      out.add(barTick, TICKS_PER_BAR, finalNote, loudness, barTick);
      if (finalNote !== DRUM.KICK) out.add(barTick, DRUM_HIT_TICKS, DRUM.KICK, loudness, barTick);
      continue;
    }
    const endsPeriod = plan.barInPhrase === phrase.bars - 1 && phrase.kind === 'CONSEQUENT';
    const sparse = form.sections[plan.sectionIndex].density < 0.5;
    if (plan.barInPhrase === 0 && pattern.crashNote !== null) out.add(barTick, TICKS_PER_BAR / 2, pattern.crashNote, loudness, barTick);
    for (const hit of endsPeriod ? fill : groove) {
      if (hit.ghost && sparse) continue;
      if (hit.step === 0 && plan.barInPhrase === 0 && hit.note === pattern.crashNote) continue;
      out.add(barTick + hit.step * TICKS_PER_STEP, DRUM_HIT_TICKS, hit.note, loudness * hit.level, barTick);
    }
  }
}
