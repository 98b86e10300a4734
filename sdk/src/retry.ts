/** When the SDK repeats a call the server refused for now. */
export interface RetryOptions {
  /** Repeats after the first try (default 2; 0 turns retrying off). */
  attempts?: number;
  /** First backoff when the server names no wait (default 500 ms; doubles per attempt, with jitter). */
  baseDelayMs?: number;
  /** Longest wait (default 30 s): a Retry-After beyond it is not waited for, the error comes back at once. */
  maxDelayMs?: number;
}

/**
 * The only refusals worth repeating: the server did not run the operation (too many requests, or
 * a dependency is down for now). Every other error would fail the same way again, or could run a
 * mutation twice.
 */
export const RETRYABLE_CODES: ReadonlySet<string> = new Set(['RATE_LIMITED', 'SERVICE_UNAVAILABLE']);

export const DEFAULT_RETRY_ATTEMPTS = 2;
export const MAX_RETRY_DELAY_MS = 30_000;

/** Seconds (`"3"`) or an HTTP date in a Retry-After header, as milliseconds from `now`. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The wait before retry number `attempt` (0-based): the server's Retry-After if any, else exponential backoff. */
export function retryDelayMs(attempt: number, retryAfterMs: number | undefined, options: RetryOptions = {}, random: () => number = Math.random): number {
  const max = options.maxDelayMs ?? MAX_RETRY_DELAY_MS;
  if (retryAfterMs !== undefined) return Math.min(max, retryAfterMs);
  const base = (options.baseDelayMs ?? 500) * 2 ** attempt;
  return Math.min(max, base / 2 + random() * (base / 2));
}

/** Resolves after `ms`, or rejects with the signal's reason once it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
