/** RIFF/WAVE writer and reader for 16-bit PCM: pure byte layout, no I/O. */

export const WAV_HEADER_BYTES = 44;

export interface PcmAudio {
  sampleRate: number;
  channels: number;
  /** Interleaved signed 16-bit samples: frame after frame, one sample per channel in each. */
  samples: Int16Array;
}

/** A canonical 44-byte-header WAVE file (format tag 1, little-endian) holding `audio` as it is. */
export function encodeWav({ sampleRate, channels, samples }: PcmAudio): Uint8Array {
  if (samples.length % channels !== 0) throw new RangeError('samples must hold whole frames');
  const dataBytes = samples.length * 2;
  const bytes = new Uint8Array(WAV_HEADER_BYTES + dataBytes);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) bytes[offset + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * channels * 2, true);
  view.setUint16(32, channels * 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  for (let i = 0; i < samples.length; i++) view.setInt16(WAV_HEADER_BYTES + i * 2, samples[i], true);
  return bytes;
}

export interface WavInfo extends PcmAudio {
  formatTag: number;
  bitsPerSample: number;
  byteRate: number;
  blockAlign: number;
  /** The RIFF chunk size as written (file length - 8 for a well-formed file). */
  riffSize: number;
}

/** Reads a 16-bit PCM WAVE file; throws a RangeError naming what is wrong with a malformed one. */
export function decodeWav(bytes: Uint8Array): WavInfo {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new RangeError('not a RIFF/WAVE file');
  let offset = 12;
  let format: Omit<WavInfo, 'samples' | 'riffSize'> | null = null;
  while (offset + 8 <= bytes.length) {
    const id = tag(offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (body + size > bytes.length) throw new RangeError(`chunk "${id}" runs past the end of the file`);
    if (id === 'fmt ') {
      format = {
        formatTag: view.getUint16(body, true),
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        byteRate: view.getUint32(body + 8, true),
        blockAlign: view.getUint16(body + 12, true),
        bitsPerSample: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      if (!format) throw new RangeError('data chunk before fmt chunk');
      if (format.formatTag !== 1 || format.bitsPerSample !== 16) throw new RangeError('only 16-bit PCM is supported');
      const samples = new Int16Array(size / 2);
      for (let i = 0; i < samples.length; i++) samples[i] = view.getInt16(body + i * 2, true);
      return { ...format, samples, riffSize: view.getUint32(4, true) };
    }
    offset = body + size + (size % 2);
  }
  throw new RangeError('no data chunk');
}
