/**
 * Standard MIDI File writer (format 1): a conductor track with tempo, time signature, key
 * signatures and section markers, then one track per part. Written straight into a growing byte
 * buffer; every ordering is total so equal scores give byte-identical files.
 */
import { hasMinorThird } from './theory.js';
import type { Score, ScoreTrack } from './types.js';

const CC_VOLUME = 7;
const CC_PAN = 10;
const CC_REVERB = 91;
export const DEFAULT_VOLUME = 100;
export const DEFAULT_PAN = 64;
export const DEFAULT_REVERB = 48;

class ByteWriter {
  bytes: Uint8Array;
  length = 0;

  constructor(capacity: number) {
    this.bytes = new Uint8Array(capacity);
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    let capacity = this.bytes.length * 2;
    while (capacity < this.length + extra) capacity *= 2;
    const grown = new Uint8Array(capacity);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  byte(value: number): void {
    this.reserve(1);
    this.bytes[this.length++] = value;
  }

  uint32(value: number): void {
    this.reserve(4);
    this.bytes[this.length++] = (value >>> 24) & 0xff;
    this.bytes[this.length++] = (value >>> 16) & 0xff;
    this.bytes[this.length++] = (value >>> 8) & 0xff;
    this.bytes[this.length++] = value & 0xff;
  }

  uint32At(offset: number, value: number): void {
    this.bytes[offset] = (value >>> 24) & 0xff;
    this.bytes[offset + 1] = (value >>> 16) & 0xff;
    this.bytes[offset + 2] = (value >>> 8) & 0xff;
    this.bytes[offset + 3] = value & 0xff;
  }

  /** MIDI variable-length quantity: 7 bits per byte, high bit set on all but the last. */
  variableLength(value: number): void {
    this.reserve(5);
    if (value >= 0x200000) this.bytes[this.length++] = ((value >>> 21) & 0x7f) | 0x80;
    if (value >= 0x4000) this.bytes[this.length++] = ((value >>> 14) & 0x7f) | 0x80;
    if (value >= 0x80) this.bytes[this.length++] = ((value >>> 7) & 0x7f) | 0x80;
    this.bytes[this.length++] = value & 0x7f;
  }

  ascii(text: string): void {
    this.reserve(4);
    for (let i = 0; i < text.length; i++) this.byte(text.charCodeAt(i));
  }

  raw(data: Uint8Array): void {
    this.reserve(data.length);
    this.bytes.set(data, this.length);
    this.length += data.length;
  }
}

const utf8 = new TextEncoder();

/** Opens a track chunk and returns the writer state needed to close it. */
class TrackWriter {
  private readonly lengthOffset: number;
  private tick = 0;
  private runningStatus = -1;

  constructor(private readonly out: ByteWriter) {
    out.ascii('MTrk');
    this.lengthOffset = out.length;
    out.uint32(0);
  }

  private delta(tick: number): void {
    this.out.variableLength(tick - this.tick);
    this.tick = tick;
  }

  /** Channel message with running status: a repeated status byte is omitted. */
  channel(tick: number, status: number, data1: number, data2: number): void {
    this.delta(tick);
    if (status !== this.runningStatus) {
      this.out.byte(status);
      this.runningStatus = status;
    }
    this.out.byte(data1);
    this.out.byte(data2);
  }

  programChange(tick: number, channel: number, program: number): void {
    this.delta(tick);
    this.out.byte(0xc0 | channel);
    this.out.byte(program);
    this.runningStatus = 0xc0 | channel;
  }

  meta(tick: number, type: number, data: Uint8Array): void {
    this.delta(tick);
    this.out.byte(0xff);
    this.out.byte(type);
    this.out.variableLength(data.length);
    this.out.raw(data);
    // Meta events cancel running status for some readers; restate it afterwards.
    this.runningStatus = -1;
  }

  end(tick: number): void {
    this.meta(Math.max(tick, this.tick), 0x2f, new Uint8Array(0));
    this.out.uint32At(this.lengthOffset, this.out.length - this.lengthOffset - 4);
  }
}

function clamp7(value: number): number {
  return Math.min(127, Math.max(0, Math.round(value)));
}

/** The signature that matches a spelled tonic: F# major has 6 sharps, Gb major 6 flats, Bb minor 5 flats. */
function signatureSharps(tonic: string, minor: boolean): number {
  const letterFifths = [0, 2, 4, -1, 1, 3, 5]['CDEFGAB'.indexOf(tonic.charAt(0))];
  const accidental = tonic.charAt(1) === '#' ? 1 : tonic.charAt(1) === 'b' ? -1 : 0;
  return letterFifths + 7 * accidental - (minor ? 3 : 0);
}

function writeConductorTrack(out: ByteWriter, score: Score): void {
  const track = new TrackWriter(out);
  track.meta(0, 0x03, utf8.encode(`Aero Melody: ${score.airports.join(' - ')} (${score.themeId})`));
  const [numerator, denominator] = score.timeSignature;
  track.meta(0, 0x58, Uint8Array.of(numerator, Math.log2(denominator), 24, 8));
  const microsecondsPerQuarter = Math.round(60_000_000 / score.tempoBpm);
  track.meta(0, 0x51, Uint8Array.of((microsecondsPerQuarter >>> 16) & 0xff, (microsecondsPerQuarter >>> 8) & 0xff, microsecondsPerQuarter & 0xff));
  const ticksPerBar = score.ppq * numerator * (4 / denominator);
  let previousKey = '';
  for (const section of score.sections) {
    const tick = section.startBar * ticksPerBar;
    const key = section.keyRoot + section.scale;
    if (key !== previousKey) {
      const minor = hasMinorThird(section.scale);
      track.meta(tick, 0x59, Uint8Array.of(signatureSharps(section.keyRoot, minor) & 0xff, minor ? 1 : 0));
      previousKey = key;
    }
    track.meta(tick, 0x06, utf8.encode(section.name));
  }
  track.end(score.totalTicks);
}

/**
 * Note events packed into one number each and sorted numerically: tick first, then note-off
 * before note-on (so a repeated pitch is released before it is struck again), then pitch.
 */
function writePartTrack(out: ByteWriter, score: Score, part: ScoreTrack): void {
  const track = new TrackWriter(out);
  track.meta(0, 0x03, utf8.encode(part.name));
  const channel = part.channel;
  // Program first: readers that split tracks by (channel, program) then keep the mix with its part.
  track.programChange(0, channel, clamp7(part.program));
  track.channel(0, 0xb0 | channel, CC_VOLUME, clamp7(part.volume ?? DEFAULT_VOLUME));
  track.channel(0, 0xb0 | channel, CC_PAN, clamp7(part.pan ?? DEFAULT_PAN));
  track.channel(0, 0xb0 | channel, CC_REVERB, clamp7(score.reverb ?? DEFAULT_REVERB));
  const notes = part.notes;
  const events = new Float64Array(notes.length * 2);
  for (let i = 0; i < notes.length; i++) {
    const note = notes[i];
    events[2 * i] = ((note.startTicks * 2 + 1) * 128 + note.pitch) * 128 + clamp7(note.velocity);
    events[2 * i + 1] = ((note.startTicks + note.durationTicks) * 2 * 128 + note.pitch) * 128;
  }
  events.sort();
  for (let i = 0; i < events.length; i++) {
    const packed = events[i];
    const velocity = packed % 128;
    const rest = (packed - velocity) / 128;
    const pitch = rest % 128;
    const tickAndKind = (rest - pitch) / 128;
    const isOn = tickAndKind % 2;
    const tick = (tickAndKind - isOn) / 2;
    if (isOn) track.channel(tick, 0x90 | channel, pitch, velocity);
    else track.channel(tick, 0x80 | channel, pitch, 0);
  }
  track.end(score.totalTicks);
}

export function encodeMidi(score: Score): Uint8Array {
  let noteCount = 0;
  for (const track of score.tracks) noteCount += track.notes.length;
  const out = new ByteWriter(256 + 64 * score.tracks.length + noteCount * 8);
  out.ascii('MThd');
  out.uint32(6);
  out.byte(0);
  out.byte(1);
  out.byte(0);
  out.byte(score.tracks.length + 1);
  out.byte((score.ppq >>> 8) & 0xff);
  out.byte(score.ppq & 0xff);
  writeConductorTrack(out, score);
  for (let i = 0; i < score.tracks.length; i++) writePartTrack(out, score, score.tracks[i]);
  return out.bytes.slice(0, out.length);
}
