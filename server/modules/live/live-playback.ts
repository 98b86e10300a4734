import { liveEvents, sendAt, windowsOf, type LiveWindow } from '../../engine/live/schedule.js';
import type { CompositionView } from '../compositions/composition-view.js';
import type { LiveBatchPayload, LivePiecePayload } from './live.topics.js';

export interface LiveSettings {
  lookaheadMs: number;
  windowMs: number;
  radioLeaseMs: number;
  radioPieceSeconds: number | null;
}

/** A piece cut into the windows it is sent in, starting at an epoch time. */
export interface PreparedPiece {
  piece: LivePiecePayload;
  windows: LiveWindow[];
}

export function preparePiece(view: CompositionView, startsAt: number, windowMs: number): PreparedPiece {
  const score = view.render().score;
  return {
    piece: {
      compositionId: view.ref,
      title: view.title,
      airports: view.airports,
      theme: view.theme.id,
      tempoBpm: view.tempoBpm,
      key: view.keyRoot,
      scale: view.scale,
      durationSeconds: view.durationSeconds,
      startsAt,
    },
    windows: windowsOf(liveEvents(score), windowMs / 1000),
  };
}

/**
 * Sends each window when its send time comes (lookahead before it sounds), from `fromIndex`.
 * Deadlines are absolute epoch times, so a late timer never pushes later windows back.
 */
export function playWindows(windows: readonly LiveWindow[], fromIndex: number, startsAt: number, lookaheadMs: number, send: (window: LiveWindow) => void, done: () => void): () => void {
  let next = fromIndex;
  let timer: NodeJS.Timeout | undefined;
  const due = (window: LiveWindow) => startsAt + sendAt(window, lookaheadMs / 1000) * 1000;
  const tick = () => {
    while (next < windows.length && due(windows[next]) <= Date.now()) send(windows[next++]);
    if (next >= windows.length) done();
    else timer = setTimeout(tick, due(windows[next]) - Date.now());
  };
  tick();
  return () => clearTimeout(timer);
}

export function batchOf(prepared: PreparedPiece, window: LiveWindow, turn: number, lookaheadMs: number): LiveBatchPayload {
  const startsAt = prepared.piece.startsAt;
  return {
    turn,
    sequence: window.index,
    startSeconds: window.startSeconds,
    lookaheadSeconds: lookaheadMs / 1000,
    piece: prepared.piece,
    events: window.events.map(({ keyRoot, ...event }) => ({ ...event, key: keyRoot, soundsAt: Math.round(startsAt + event.at * 1000) })),
  };
}
