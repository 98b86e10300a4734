/**
 * Audio exports: how fast MIDI renders with the General-MIDI SoundFont on one core (as a multiple
 * of real time; target >= 50x overall and >= 40x for every theme), how fast FLAC encodes (target
 * >= 100x; WAV writing is the baseline in the same run), and the render queue's throughput with
 * one worker process rendering one export at a time and then two at a time (two render threads,
 * EXPORT_WORKER_CONCURRENCY=2), on the configured DATABASE_URL and REDIS_URL. Run it where no
 * other export worker shares that Redis DB, or they will take some of its jobs. Writes
 * bench/results/exports.json: { renderRealtimeFactor, flacRealtimeFactor, exportsPerMinute: { 1, 2 } }.
 *
 *   node dist/bench/exports.js [--jobs 8 --seconds 20]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createFlacCodec } from '../server/adapters/flac.js';
import { createJobQueue } from '../server/adapters/job-queue.js';
import { decodeProgramSamples, loadSoundFont } from '../server/adapters/sound-font.js';
import { loadConfig, readProcessEnvironment } from '../server/config.js';
import { MidiRenderer } from '../server/engine/audio/render.js';
import { encodeWav, type PcmAudio } from '../server/engine/audio/wav.js';
import { BUILT_IN_PROGRAMS, BUILT_IN_THEMES, compose, encodeMidi } from '../server/engine/music/index.js';
import { EXPORT_BENCH_FLIGHT as FLIGHT } from './export-flight.js';
import { EXPORT_JOB_OPTIONS, EXPORT_QUEUE, type ExportJobData } from '../server/modules/exports/export-render.js';
import { PROJECT_ROOT } from '../server/paths.js';

const { values } = parseArgs({ options: { jobs: { type: 'string', default: '8' }, seconds: { type: 'string', default: '20' } } });
const JOBS = Number(values.jobs);
const PIECE_SECONDS = Number(values.seconds);

const seconds = (work: () => void) => {
  const started = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - started) / 1e9;
};

// 1. Rendering, one 30-second piece per built-in theme, in this process, with the samples of the
// themes' instruments decoded first, as every render thread of a worker does when it starts.
const soundBank = await loadSoundFont();
const rendered: PcmAudio[] = [];
let audioSeconds = 0;
let renderSeconds = 0;
console.log(
  `audio exports: node dist/bench/exports.js --jobs ${JOBS} --seconds ${PIECE_SECONDS} (load average ${loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')})`,
);
const decodeSeconds = seconds(() => decodeProgramSamples(soundBank, BUILT_IN_PROGRAMS));
console.log(`  decoding the built-in themes' samples (once per render thread, when a worker starts): ${decodeSeconds.toFixed(2)} s`);
for (const theme of BUILT_IN_THEMES) {
  const renderer = await MidiRenderer.create(soundBank, encodeMidi(compose(FLIGHT, { theme, durationSeconds: 30 })));
  let audio: PcmAudio | null = null;
  const took = seconds(() => {
    audio = renderer.finish();
  });
  const length = audio!.samples.length / 2 / audio!.sampleRate;
  rendered.push(audio!);
  audioSeconds += length;
  renderSeconds += took;
  console.log(`  render ${theme.id.padEnd(10)} ${length.toFixed(1)} s of audio in ${took.toFixed(2)} s: ${(length / took).toFixed(1)}x real time`);
}
const renderRealtimeFactor = audioSeconds / renderSeconds;
console.log(`  render overall: ${renderRealtimeFactor.toFixed(1)}x real time (target >= 50x, every theme >= 40x)`);

// 2. Encoding the same audio: WAV (a copy into a byte layout) is the baseline for FLAC.
const codec = await createFlacCodec();
const wavSeconds = seconds(() => {
  for (const audio of rendered) encodeWav(audio);
});
let flacBytes = 0;
const flacSeconds = seconds(() => {
  for (const audio of rendered) {
    const encoder = codec.encoder({ sampleRate: audio.sampleRate, channels: 2, totalFrames: audio.samples.length / 2 });
    for (let i = 0; i < audio.samples.length; i += 131_072) encoder.write(audio.samples.subarray(i, i + 131_072));
    flacBytes += encoder.finish().length;
  }
});
const pcmBytes = rendered.reduce((sum, audio) => sum + audio.samples.length * 2, 0);
const flacRealtimeFactor = audioSeconds / flacSeconds;
console.log(`  FLAC encode: ${flacRealtimeFactor.toFixed(0)}x real time (target >= 100x), ${((100 * flacBytes) / pcmBytes).toFixed(0)}% of the PCM size`);
console.log(`  baseline WAV write: ${(audioSeconds / wavSeconds).toFixed(0)}x real time; FLAC costs ${(flacSeconds / wavSeconds).toFixed(1)}x the WAV write`);

// 3. The queue: the same jobs through one worker process rendering one at a time, then two at a time.
const config = loadConfig(readProcessEnvironment());
const midis = Array.from({ length: JOBS }, (_, i) => encodeMidi(compose(FLIGHT, { theme: BUILT_IN_THEMES[i % BUILT_IN_THEMES.length], durationSeconds: PIECE_SECONDS, variation: i })));

async function throughput(concurrency: number): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'aero-bench-exports-'));
  const queue = createJobQueue<ExportJobData>(config.redisUrl, EXPORT_QUEUE, EXPORT_JOB_OPTIONS);
  const env = { ...process.env, EXPORTS_DIR: dir, LOG_LEVEL: 'info', EXPORT_WORKER_CONCURRENCY: String(concurrency) };
  const workers: ChildProcess[] = [];
  try {
    const worker = spawn(process.execPath, [join(PROJECT_ROOT, 'dist', 'server', 'cli', 'worker.js')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    workers.push(worker);
    // The worker starts (migrations check, connections, render threads loading the sound bank and
    // the built-in themes' samples) before the clock starts, as a worker serving for hours has.
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the worker did not warm up in 60 seconds')), 60_000);
      createInterface({ input: worker.stdout! }).on('line', (line) => {
        if (line.includes('"audio export render threads warm"')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const started = Date.now();
    const run = randomBytes(4).toString('hex');
    for (const [i, midi] of midis.entries()) {
      const renderKey = `${run}${String(i).padStart(4, '0')}`.padEnd(64, '0');
      await queue.add(renderKey, { renderKey, format: 'WAV', midi: Buffer.from(midi).toString('base64') }, EXPORT_JOB_OPTIONS);
    }
    while ((await readdir(dir)).filter((name) => name.endsWith('.wav')).length < JOBS) {
      if (Date.now() - started > 600_000) throw new Error('the workers did not finish in 10 minutes');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return (JOBS / (Date.now() - started)) * 60_000;
  } finally {
    for (const worker of workers) worker.kill('SIGTERM');
    await Promise.all(workers.map((worker) => new Promise((resolve) => (worker.exitCode === null ? worker.once('exit', resolve) : resolve(null)))));
    await queue.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}

const one = await throughput(1);
const two = await throughput(2);
console.log(`  queue, ${JOBS} jobs of ${PIECE_SECONDS} s (WAV): 1 render at a time ${one.toFixed(1)} exports/min, 2 at a time ${two.toFixed(1)} exports/min (${(two / one).toFixed(2)}x)`);
const results = { renderRealtimeFactor, flacRealtimeFactor, exportsPerMinute: { 1: one, 2: two } };
await writeFile(join(PROJECT_ROOT, 'bench', 'results', 'exports.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('wrote bench/results/exports.json');
