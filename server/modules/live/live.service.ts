import { Repeater } from '@graphql-yoga/subscription';
import type { PieceRequest } from '../compositions/composition-parameters.js';
import { savedView, type CompositionView } from '../compositions/composition-view.js';
import type { CompositionService } from '../compositions/composition.service.js';
import type { Viewer } from '../users/tokens.js';
import { batchOf, playWindows, preparePiece, type LiveSettings } from './live-playback.js';
import type { LiveBatchPayload } from './live.topics.js';

/** Streams one freshly composed or saved piece in real time to the one subscriber who asked for it. */
export class LiveService {
  constructor(
    private readonly compositions: CompositionService,
    private readonly settings: LiveSettings,
  ) {}

  /** Composes the piece (rights to a custom theme checked as for previewComposition), then plays it once. */
  async composition(input: PieceRequest, viewer: Viewer | null): Promise<AsyncIterable<LiveBatchPayload>> {
    // Playing reads the whole score at once: composed once, here, rather than on a worker and again here.
    return this.playOnce(await this.compositions.composer.preview(input, viewer, { scoreNeeded: true }));
  }

  /**
   * A saved piece exactly as it was saved: its flight and theme snapshots and its key, scale, tempo
   * and length overrides (NOT_FOUND for a piece the viewer may not see, like one that is missing).
   */
  async savedPiece(compositionId: number | null, viewer: Viewer | null): Promise<AsyncIterable<LiveBatchPayload>> {
    const { row } = await this.compositions.rowWithAccess(compositionId, viewer);
    return this.playOnce(savedView(row));
  }

  private playOnce(view: CompositionView): AsyncIterable<LiveBatchPayload> {
    const { lookaheadMs, windowMs } = this.settings;
    return new Repeater<LiveBatchPayload>(async (push, stop) => {
      const prepared = preparePiece(view, Date.now() + lookaheadMs, windowMs);
      const cancel = playWindows(
        prepared.windows,
        0,
        prepared.piece.startsAt,
        lookaheadMs,
        (window) => void push(batchOf(prepared, window, 0, lookaheadMs)),
        () => stop(),
      );
      await stop;
      cancel();
    });
  }
}
