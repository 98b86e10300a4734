import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PROJECT_ROOT } from '../../paths.js';
import { renderSummary, type ComposeReply, type ComposeRequest, type ScoreSummary } from './compose-render.js';

export interface RenderedSummary {
  summary: ScoreSummary;
  midi: Uint8Array;
}

interface PoolWorker {
  thread: Worker;
  pending: Map<number, { resolve: (value: RenderedSummary) => void; reject: (error: Error) => void }>;
}

/**
 * The compiled worker script. Run from sources (the tests), this file is a .ts one and the
 * worker must still be the compiled script in dist/, which `npm run build` writes first.
 */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  const directory = here.endsWith('.ts') ? join(PROJECT_ROOT, 'dist', relative(PROJECT_ROOT, dirname(here))) : dirname(here);
  return join(directory, 'compose-worker.js');
}

/**
 * Composes previews on worker threads, so every core composes while the main thread keeps
 * answering requests. The engine is pure: a worker gives exactly the bytes the main thread would.
 * With size 0 it composes inline. The server starts the workers with itself (`start`): a thread
 * started by the first preview loads the engine inside that request, and on a busy machine late.
 * A worker that died is replaced on the next request; each takes the next request when it has
 * the fewest in hand.
 */
export class ComposePool {
  private readonly workers: PoolWorker[] = [];
  private nextId = 0;
  private disposed = false;

  constructor(readonly size: number) {}

  /** Starts every worker now. */
  start(): void {
    while (!this.disposed && this.workers.length < this.size) this.spawn();
  }

  render(request: ComposeRequest): Promise<RenderedSummary> {
    if (this.size === 0) return Promise.resolve(renderSummary(request));
    if (this.disposed) return Promise.reject(new Error('the compose pool is shut down'));
    const worker = this.leastBusy();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      worker.pending.set(id, { resolve, reject });
      worker.thread.postMessage({ id, request });
    });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((worker) => worker.thread.terminate()));
    for (const worker of workers) this.failAll(worker, new Error('the compose pool is shut down'));
  }

  private leastBusy(): PoolWorker {
    if (this.workers.length < this.size) return this.spawn();
    let best = this.workers[0];
    for (const worker of this.workers) if (worker.pending.size < best.pending.size) best = worker;
    return best;
  }

  private spawn(): PoolWorker {
    const file = workerFile();
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
    const worker: PoolWorker = { thread: new Worker(file), pending: new Map() };
    worker.thread.on('message', (reply: ComposeReply) => {
      const waiting = worker.pending.get(reply.id);
      if (!waiting) return;
      worker.pending.delete(reply.id);
      if ('error' in reply) waiting.reject(new Error(reply.error));
      else waiting.resolve({ summary: reply.summary, midi: reply.midi });
    });
    // A worker that dies takes only its own requests with it; the next request starts another.
    const retire = (error: Error) => {
      const index = this.workers.indexOf(worker);
      if (index >= 0) this.workers.splice(index, 1);
      this.failAll(worker, error);
    };
    worker.thread.on('error', retire);
    worker.thread.on('exit', (code) => retire(new Error(`a compose worker stopped (exit code ${code})`)));
    this.workers.push(worker);
    return worker;
  }

  private failAll(worker: PoolWorker, error: Error): void {
    for (const { reject } of worker.pending.values()) reject(error);
    worker.pending.clear();
  }
}
