'use client';

import { useEffect, useRef } from 'react';
import type { LivePlayer } from '@/lib/live-player';

const PAST_SECONDS = 7;
const FUTURE_SECONDS = 2;
const COLOURS: Record<string, string> = { MELODY: '#ffb347', HARMONY: '#7fb8ff', BASS: '#8be28b', DRUMS: '#d59bff' };

/** Notes as bars scrolling past a fixed playhead, drawn from the live stream as it arrives. */
export function PianoRoll({ player, label }: { player: LivePlayer | null; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let frame = 0;
    const draw = () => {
      frame = requestAnimationFrame(draw);
      const element = canvas.current;
      const context = element?.getContext('2d');
      if (!element || !context) return;
      const width = element.clientWidth;
      const height = element.clientHeight;
      if (element.width !== width * devicePixelRatio) {
        element.width = width * devicePixelRatio;
        element.height = height * devicePixelRatio;
      }
      context.setTransform(devicePixelRatio, 0, 0, devicePixelRatio, 0, 0);
      context.fillStyle = '#0e1726';
      context.fillRect(0, 0, width, height);
      const now = player?.pieceTime() ?? 0;
      const notes = player?.rollNotes ?? [];
      const pitches = notes.map((note) => note.pitch);
      const low = Math.min(36, ...pitches) - 1;
      const high = Math.max(84, ...pitches) + 1;
      const rowHeight = height / (high - low);
      const secondWidth = width / (PAST_SECONDS + FUTURE_SECONDS);
      const playheadX = PAST_SECONDS * secondWidth;
      for (const note of notes) {
        if (note.at + note.duration < now - PAST_SECONDS || note.at > now + FUTURE_SECONDS) continue;
        const x = playheadX + (note.at - now) * secondWidth;
        const y = height - (note.pitch - low + 1) * rowHeight;
        context.fillStyle = COLOURS[note.role] ?? '#ffffff';
        context.globalAlpha = note.at <= now && now <= note.at + note.duration ? 1 : 0.55;
        context.fillRect(x, y, Math.max(2, note.duration * secondWidth - 1), Math.max(2, rowHeight - 1));
      }
      context.globalAlpha = 1;
      context.fillStyle = '#ff5d73';
      context.fillRect(playheadX, 0, 2, height);
    };
    frame = requestAnimationFrame(draw);
    return () => cancelAnimationFrame(frame);
  }, [player]);
  return <canvas ref={canvas} className="piano-roll" role="img" aria-label={label} data-testid="piano-roll" />;
}
