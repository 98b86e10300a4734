import { Queue, Worker, type Job, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';

export type { Job };

/**
 * BullMQ queues and workers on Redis. BullMQ wants its own connections: a worker blocks on
 * Redis while it waits for jobs, and both need `maxRetriesPerRequest: null` so that a Redis
 * blip delays jobs instead of failing them (the application's client fails fast instead).
 */
function bullConnection(redisUrl: string): Redis {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null, enableOfflineQueue: true });
  connection.on('error', () => undefined);
  return connection;
}

/** BullMQ's connection waits out a Redis outage; a request should not: it fails after this. */
const QUEUE_CALL_TIMEOUT_MS = 5_000;

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: Redis did not answer in ${QUEUE_CALL_TIMEOUT_MS} ms`)), QUEUE_CALL_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export interface JobQueue<T> {
  /** Adds a job unless one with the same id is waiting or running (then this joins it). */
  add(jobId: string, data: T, options?: JobsOptions): Promise<void>;
  /** waiting, active, delayed... or null when no job has this id. */
  stateOf(jobId: string): Promise<string | null>;
  /** Jobs by state (waiting, active, delayed, failed, completed). */
  counts(): Promise<Record<string, number>>;
  dispose(): Promise<void>;
}

export function createJobQueue<T>(redisUrl: string, name: string, defaults: JobsOptions): JobQueue<T> {
  const connection = bullConnection(redisUrl);
  const queue = new Queue(name, { connection, defaultJobOptions: defaults });
  queue.on('error', () => undefined);
  return {
    async add(jobId, data, options) {
      await withTimeout(queue.add(name, data, { ...options, jobId }), 'queueing a job');
    },
    stateOf(jobId) {
      return withTimeout(
        (async () => {
          const job = await queue.getJob(jobId);
          if (!job) return null;
          const state = await job.getState();
          return state === 'unknown' ? null : state;
        })(),
        'reading a job',
      );
    },
    counts() {
      return withTimeout(queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed'), 'counting jobs');
    },
    async dispose() {
      await queue.close();
      connection.disconnect();
    },
  };
}

export interface JobWorkerOptions {
  concurrency: number;
  /**
   * How long a job's lock lasts without renewal: a worker that dies (or stops answering) loses
   * its jobs to the stalled-job check after this, and they run again elsewhere.
   */
  lockMs: number;
  /** How many times a job may stall before it counts as failed. */
  maxStalledCount: number;
}

export interface JobWorker {
  /** Finishes the jobs in hand (or, with force, drops them for another worker) and disconnects. */
  close(force?: boolean): Promise<void>;
}

export function createJobWorker<T>(
  redisUrl: string,
  name: string,
  process: (job: Job<T>) => Promise<void>,
  options: JobWorkerOptions,
  onFailed: (job: Job<T> | undefined, error: Error, final: boolean) => void,
): JobWorker {
  const connection = bullConnection(redisUrl);
  const worker = new Worker<T>(name, process, {
    connection,
    concurrency: options.concurrency,
    lockDuration: options.lockMs,
    stalledInterval: Math.max(250, Math.round(options.lockMs / 2)),
    maxStalledCount: options.maxStalledCount,
  });
  worker.on('error', () => undefined);
  worker.on('failed', (job, error) => {
    const attempts = job?.opts.attempts ?? 1;
    const final = !job || job.attemptsMade >= attempts || /stalled more than/i.test(error.message);
    onFailed(job, error, final);
  });
  return {
    async close(force = false) {
      await worker.close(force);
      connection.disconnect();
    },
  };
}
