/** What the clock needs of a live batch (LiveComposition and LiveRadio batches both have it). */
export interface LiveBatchTiming {
  startSeconds: number;
  lookaheadSeconds: number;
  piece: { startsAt: number };
}

/**
 * Server time to local time for live streams. Every event's `soundsAt` is in the server's epoch
 * milliseconds; this device's clock may be off by seconds. The server sends each batch
 * `lookaheadSeconds` before its window (`piece.startsAt + startSeconds`) sounds, so each batch tells
 * the server time at sending; the transfer only ever makes a batch look late, so the largest
 * estimate seen is the best one.
 */
export interface LiveClock {
  /** Learns from a batch received at `receivedAt` (local epoch ms, default now). Returns the offset. */
  observe(batch: LiveBatchTiming, receivedAt?: number): number;
  /** Server time minus local time, in ms; 0 before the first batch. */
  readonly offsetMs: number;
  /** The local epoch ms at which a `soundsAt` sounds. */
  localTime(soundsAt: number): number;
  /** How long from `now` (local epoch ms, default now) until a `soundsAt` sounds; negative when past. */
  delayMs(soundsAt: number, now?: number): number;
}

/** The server time at which a batch was sent, in epoch ms. */
export const batchSentAt = (batch: LiveBatchTiming): number => batch.piece.startsAt + (batch.startSeconds - batch.lookaheadSeconds) * 1000;

export function createLiveClock(): LiveClock {
  let offset: number | undefined;
  return {
    observe(batch, receivedAt = Date.now()) {
      const estimate = batchSentAt(batch) - receivedAt;
      offset = offset === undefined ? estimate : Math.max(offset, estimate);
      return offset;
    },
    get offsetMs() {
      return offset ?? 0;
    },
    localTime(soundsAt) {
      return soundsAt - (offset ?? 0);
    },
    delayMs(soundsAt, now = Date.now()) {
      return soundsAt - (offset ?? 0) - now;
    },
  };
}
