import { createRequire } from 'node:module';
import type { PcmAudio } from '../engine/audio/wav.js';

type Flac = ReturnType<typeof import('libflacjs')>;

const require = createRequire(import.meta.url);
let loading: Promise<Flac> | null = null;

/**
 * libflacjs (libFLAC compiled to WebAssembly), loaded once per process. Its emscripten glue
 * fetches its .wasm with `fetch` whenever one exists, which on Node >= 18 fails for a file path;
 * without `fetch` it reads the file from disk, so `fetch` is hidden while the module loads.
 */
function loadFlac(): Promise<Flac> {
  return (loading ??= new Promise<Flac>((resolve, reject) => {
    const globals = globalThis as { fetch?: typeof fetch };
    const savedFetch = globals.fetch;
    delete globals.fetch;
    try {
      const flac = (require('libflacjs') as (variant: string) => Flac)('wasm');
      if (flac.isReady()) resolve(flac);
      else flac.on('ready', () => resolve(flac));
    } catch (error) {
      reject(error);
    } finally {
      globals.fetch = savedFetch;
    }
  }));
}

/** Compression level 5 is libFLAC's default: nearly the smallest files at a fraction of level 8's time. */
const COMPRESSION_LEVEL = 5;

export interface FlacEncoder {
  /** Encodes interleaved 16-bit frames; call as often as needed, in order. */
  write(samples: Int16Array): void;
  /** Flushes the last frames and returns the whole FLAC stream. */
  finish(): Uint8Array;
}

export interface FlacCodec {
  encoder(format: { sampleRate: number; channels: number; totalFrames: number }): FlacEncoder;
  /** Decodes a FLAC stream (checking every frame's CRC) to interleaved 16-bit PCM. */
  decode(bytes: Uint8Array): PcmAudio;
}

/**
 * Writes the final STREAMINFO values (frame sizes and the MD5 of the audio) into the header
 * written at the start: a stream encoder cannot seek back, so libFLAC leaves them zero there.
 */
function patchStreamInfo(stream: Uint8Array, info: { min_framesize: number; max_framesize: number; md5sum: string }): void {
  // "fLaC", then a 4-byte metadata block header, then STREAMINFO.
  const streamInfo = 8;
  const put24 = (offset: number, value: number) => {
    stream[offset] = (value >> 16) & 0xff;
    stream[offset + 1] = (value >> 8) & 0xff;
    stream[offset + 2] = value & 0xff;
  };
  put24(streamInfo + 4, info.min_framesize);
  put24(streamInfo + 7, info.max_framesize);
  for (let i = 0; i < 16; i++) stream[streamInfo + 18 + i] = parseInt(info.md5sum.slice(i * 2, i * 2 + 2), 16);
}

export async function createFlacCodec(): Promise<FlacCodec> {
  const flac = await loadFlac();
  return {
    encoder({ sampleRate, channels, totalFrames }) {
      const handle = flac.create_libflac_encoder(sampleRate, channels, 16, COMPRESSION_LEVEL, totalFrames, false, 0);
      if (!handle) throw new Error('libFLAC could not create an encoder');
      const parts: Uint8Array[] = [];
      let streamInfo: { min_framesize: number; max_framesize: number; md5sum: string } | null = null;
      const status = flac.init_encoder_stream(
        handle,
        (data: Uint8Array) => {
          parts.push(data.slice());
        },
        (metadata?: { min_framesize: number; max_framesize: number; md5sum: string }) => {
          if (metadata) streamInfo = metadata;
        },
      );
      if (status !== 0) {
        flac.FLAC__stream_encoder_delete(handle);
        throw new Error(`libFLAC encoder initialisation failed (status ${status})`);
      }
      return {
        write(samples) {
          if (!flac.FLAC__stream_encoder_process_interleaved(handle, Int32Array.from(samples), samples.length / channels)) {
            throw new Error(`libFLAC could not encode (state ${flac.FLAC__stream_encoder_get_state(handle)})`);
          }
        },
        finish() {
          const ok = flac.FLAC__stream_encoder_finish(handle);
          flac.FLAC__stream_encoder_delete(handle);
          if (!ok) throw new Error('libFLAC could not finish the stream');
          const stream = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
          let offset = 0;
          for (const part of parts) {
            stream.set(part, offset);
            offset += part.length;
          }
          if (streamInfo) patchStreamInfo(stream, streamInfo);
          return stream;
        },
      };
    },
    decode(bytes) {
      const handle = flac.create_libflac_decoder(true);
      if (!handle) throw new Error('libFLAC could not create a decoder');
      let offset = 0;
      const frames: Uint8Array[][] = [];
      let format: { sampleRate: number; channels: number; bitsPerSample: number } | null = null;
      let failure: string | null = null;
      try {
        const status = flac.init_decoder_stream(
          handle,
          (size: number) => {
            const end = Math.min(offset + size, bytes.length);
            const buffer = bytes.slice(offset, end);
            offset = end;
            return { buffer, readDataLength: buffer.length, error: false };
          },
          (channelData: Uint8Array[], header: { sampleRate: number; channels: number; bitsPerSample: number }) => {
            format ??= header;
            frames.push(channelData.map((channel) => channel.slice()));
          },
          (code: number, description: unknown) => {
            failure ??= `${String(description)} (${code})`;
          },
        );
        if (status !== 0) throw new Error(`libFLAC decoder initialisation failed (status ${status})`);
        if (!flac.FLAC__stream_decoder_process_until_end_of_stream(handle) || failure) throw new Error(`not a valid FLAC stream: ${failure ?? 'decoder error'}`);
        flac.FLAC__stream_decoder_finish(handle);
      } finally {
        flac.FLAC__stream_decoder_delete(handle);
      }
      const found = format as { sampleRate: number; channels: number; bitsPerSample: number } | null;
      if (!found) return { sampleRate: 0, channels: 0, samples: new Int16Array(0) };
      if (found.bitsPerSample !== 16) throw new Error(`expected 16-bit FLAC, got ${found.bitsPerSample}-bit`);
      const total = frames.reduce((sum, frame) => sum + frame[0].length / 2, 0);
      const samples = new Int16Array(total * found.channels);
      let frameStart = 0;
      for (const frame of frames) {
        const views = frame.map((channel) => new Int16Array(channel.buffer, channel.byteOffset, channel.length / 2));
        for (let i = 0; i < views[0].length; i++) {
          for (let c = 0; c < found.channels; c++) samples[(frameStart + i) * found.channels + c] = views[c][i];
        }
        frameStart += views[0].length;
      }
      return { sampleRate: found.sampleRate, channels: found.channels, samples };
    },
  };
}
