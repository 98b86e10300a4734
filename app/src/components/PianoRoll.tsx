'use client';

import { useEffect, useRef } from 'react';
import { everyFrame } from '@/lib/frames';
import type { LivePlayer } from '@/lib/live-player';

const PAST_SECONDS = 7;
const FUTURE_SECONDS = 2;

/** The roll's colours from the page's theme (CSS custom properties), so both themes read well. */
export function rollColours(element: Element) {
  const style = getComputedStyle(element);
  const value = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    background: value('--roll-bg', '#0e1726'),
    playhead: value('--roll-playhead', '#ff5d73'),
    text: value('--text', '#ffffff'),
    roles: {
      MELODY: value('--roll-melody', '#ffb347'),
      HARMONY: value('--roll-harmony', '#7fb8ff'),
      BASS: value('--roll-bass', '#8be28b'),
      DRUMS: value('--roll-drums', '#d59bff'),
    } as Record<string, string>,
  };
}

/**
 * Notes as bars scrolling past a fixed playhead, drawn from the live stream as it arrives (its
 * look-ahead shows ahead of the playhead); with reduced motion the roll moves in steps of a second.
 */
export function PianoRoll({ player, label }: { player: LivePlayer | null; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const colours = rollColours(element);
    const draw = () => {
      const context = element.getContext('2d');
      if (!context) return;
      const width = element.clientWidth;
      const height = element.clientHeight;
      if (element.width !== width * devicePixelRatio) {
        element.width = width * devicePixelRatio;
        element.height = height * devicePixelRatio;
      }
      context.setTransform(devicePixelRatio, 0, 0, devicePixelRatio, 0, 0);
      context.fillStyle = colours.background;
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
        context.fillStyle = colours.roles[note.role] ?? colours.text;
        context.globalAlpha = note.at <= now && now <= note.at + note.duration ? 1 : 0.55;
        context.fillRect(x, y, Math.max(2, note.duration * secondWidth - 1), Math.max(2, rowHeight - 1));
      }
      context.globalAlpha = 1;
      context.fillStyle = colours.playhead;
      context.fillRect(playheadX, 0, 2, height);
    };
    return everyFrame(draw);
  }, [player]);
  return <canvas ref={canvas} className="piano-roll" role="img" aria-label={label} data-testid="piano-roll" />;
}
