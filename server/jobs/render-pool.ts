import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ExportFormat } from '../modules/exports/export.repo.js';
import { PROJECT_ROOT } from '../paths.js';

export interface RenderRequest {
  midi: Uint8Array;
  format: ExportFormat;
  soundFontPath: string | undefined;
}

/** What a thread is asked: a render, or to get ready for renders before the first one comes. */
export type ThreadRequest = ({ type: 'render' } & RenderRequest) | { type: 'warm'; soundFontPath: string | undefined };

export type RenderReply = { type: 'progress'; fraction: number } | { type: 'done'; bytes: Uint8Array } | { type: 'failed'; message: string };

/** A render's replies, or the answer to a warm-up: `warm` when ready, `failed` when not. */
export type ThreadReply = RenderReply | { type: 'warm' };

export interface RenderPool {
  /** Renders and encodes on a free thread; `onProgress` gets fractions 0 to 1 as it goes. */
  render(request: RenderRequest, onProgress: (fraction: number) => void): Promise<Uint8Array>;
  /**
   * Starts every thread now, each loading the sound bank and decoding the built-in themes'
   * samples; renders wait for a warm thread meanwhile. Resolves when all are warm (or failed).
   */
  warm(soundFontPath: string | undefined): Promise<void>;
  /** Stops every thread; renders in hand fail. */
  close(): Promise<void>;
}

/**
 * The thread's compiled file. Sources run under the test runner (a .ts module) start the one
 * `npm run build` compiled, as the worker processes do.
 */
const THREAD_FILE = fileURLToPath(import.meta.url).endsWith('.ts') ? join(PROJECT_ROOT, 'dist', 'server', 'jobs', 'render-thread.js') : fileURLToPath(new URL('./render-thread.js', import.meta.url));

/**
 * Up to `size` render threads, started on demand and kept: synthesis is seconds of pure
 * JavaScript, so two exports waiting use two cores, and the process's event loop (job-lock
 * renewals, progress writes, requests) never waits for a render. A thread that crashes fails
 * its render and is replaced by the next one needed.
 */
export function createRenderPool(size: number): RenderPool {
  const idle: Worker[] = [];
  const all = new Set<Worker>();
  const waiting: Array<(thread: Worker) => void> = [];
  let closed = false;

  const start = (): Worker => {
    const started = new Worker(THREAD_FILE);
    // An idle thread never keeps the process alive.
    started.unref();
    all.add(started);
    started.once('exit', () => all.delete(started));
    return started;
  };
  const acquire = (): Promise<Worker> => {
    const thread = idle.pop();
    if (thread) return Promise.resolve(thread);
    if (all.size < size) return Promise.resolve(start());
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = (thread: Worker) => {
    const next = waiting.shift();
    if (next) next(thread);
    else idle.push(thread);
  };

  return {
    async render(request, onProgress) {
      const thread = await acquire();
      return new Promise<Uint8Array>((resolve, reject) => {
        const settle = (outcome: () => void, healthy: boolean) => {
          thread.off('message', onMessage);
          thread.off('error', onError);
          thread.off('exit', onExit);
          if (healthy) release(thread);
          else if (all.size < size) {
            const next = waiting.shift();
            if (next) void acquire().then(next);
          }
          outcome();
        };
        const onMessage = (message: RenderReply) => {
          if (message.type === 'progress') onProgress(message.fraction);
          else if (message.type === 'done') settle(() => resolve(message.bytes), true);
          else settle(() => reject(new Error(message.message)), true);
        };
        const onError = (error: Error) => {
          all.delete(thread);
          void thread.terminate();
          settle(() => reject(error), false);
        };
        const onExit = (code: number) => settle(() => reject(new Error(`the render thread exited (${code})`)), false);
        thread.on('message', onMessage);
        thread.once('error', onError);
        thread.once('exit', onExit);
        thread.postMessage({ type: 'render', ...request } satisfies ThreadRequest);
      });
    },
    async warm(soundFontPath) {
      const warming = Array.from({ length: size - all.size }, () => {
        const thread = start();
        return new Promise<void>((resolve) => {
          // A thread that fails to warm up is dropped, and a render waiting for it starts a fresh one.
          const settle = (healthy: boolean) => {
            thread.off('message', onMessage);
            thread.off('error', onError);
            thread.off('exit', onExit);
            if (healthy) release(thread);
            else {
              all.delete(thread);
              void thread.terminate();
              const next = closed ? undefined : waiting.shift();
              if (next) void acquire().then(next);
            }
            resolve();
          };
          const onMessage = (message: ThreadReply) => settle(message.type === 'warm');
          const onError = () => settle(false);
          const onExit = () => settle(false);
          thread.on('message', onMessage);
          thread.once('error', onError);
          thread.once('exit', onExit);
          thread.postMessage({ type: 'warm', soundFontPath } satisfies ThreadRequest);
        });
      });
      await Promise.all(warming);
    },
    async close() {
      closed = true;
      await Promise.all([...all].map((thread) => thread.terminate()));
      idle.length = 0;
    },
  };
}
