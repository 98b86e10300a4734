'use client';

import { useEffect, useRef } from 'react';
import { everyFrame } from '@/lib/frames';
import type { RollNote } from '@/lib/live-player';
import { rollColours } from './PianoRoll';

/**
 * The whole saved piece as a piano roll, with the playhead moving across it; a click or tap seeks
 * there. The notes are drawn once; each frame only redraws the playhead over a copy of them (with
 * reduced motion, once a second).
 */
export function PieceRoll({ notes, duration, time, onSeek, label }: { notes: readonly RollNote[]; duration: number; time: () => number; onSeek(seconds: number): void; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    if (!element || !context) return;
    let drawn: ImageData | null = null;
    const colours = rollColours(element);
    const paintNotes = () => {
      const ratio = devicePixelRatio;
      const width = element.clientWidth;
      const height = element.clientHeight;
      element.width = Math.round(width * ratio);
      element.height = Math.round(height * ratio);
      context.setTransform(ratio, 0, 0, ratio, 0, 0);
      context.fillStyle = colours.background;
      context.fillRect(0, 0, width, height);
      const pitches = notes.map((note) => note.pitch);
      const low = Math.min(36, ...pitches) - 1;
      const high = Math.max(84, ...pitches) + 1;
      const rowHeight = height / (high - low);
      const secondWidth = width / Math.max(1, duration);
      for (const note of notes) {
        context.fillStyle = colours.roles[note.role] ?? colours.text;
        context.fillRect(note.at * secondWidth, height - (note.pitch - low + 1) * rowHeight, Math.max(1.5, note.duration * secondWidth - 0.5), Math.max(1.5, rowHeight - 0.5));
      }
      drawn = context.getImageData(0, 0, element.width, element.height);
    };
    const paintPlayhead = () => {
      if (!drawn) return;
      context.putImageData(drawn, 0, 0);
      const x = (time() / Math.max(1, duration)) * element.clientWidth;
      context.fillStyle = colours.playhead;
      context.fillRect(x - 1, 0, 2, element.clientHeight);
    };
    paintNotes();
    const stop = everyFrame(paintPlayhead);
    const resize = new ResizeObserver(paintNotes);
    resize.observe(element);
    return () => {
      stop();
      resize.disconnect();
    };
  }, [notes, duration, time]);
  return (
    <canvas
      ref={canvas}
      className="piano-roll whole"
      role="img"
      aria-label={label}
      data-testid="piece-roll"
      onClick={(event) => {
        const box = event.currentTarget.getBoundingClientRect();
        onSeek(((event.clientX - box.left) / box.width) * duration);
      }}
    />
  );
}
