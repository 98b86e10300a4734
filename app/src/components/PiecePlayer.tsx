'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { loadPieceFile, type PieceFile } from '@/lib/audio/piece-file';
import { PiecePlayback, type PlaybackState } from '@/lib/audio/piece-player';
import { preloadSound } from '@/lib/audio/sound-engine';
import { clock } from '@/lib/clock';
import { useI18n } from '@/lib/i18n';
import { authorizedFetch } from '@/lib/providers';
import { PieceRoll } from './PieceRoll';

const SEEK_STEP = 5;
const JUMP_STEP = 10;
const VOLUME_STEP = 0.1;

const NAVIGATION_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);

/** Keys the focused element uses itself: typing in a field, moving a slider, pressing a button. */
function handledByFocus(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  if (target instanceof HTMLInputElement) return target.type !== 'range' || NAVIGATION_KEYS.has(key);
  if (target.tagName === 'BUTTON' || target.tagName === 'A') return key === ' ' || key === 'Enter';
  return false;
}

/**
 * A saved piece's player: play/pause, seek, volume, time and length, keyboard shortcuts and the
 * whole piece as a piano roll with a moving playhead. It plays the piece's MIDI file with the
 * SoundFont the audio exports use.
 */
export function PiecePlayer({ midiUrl }: { midiUrl: string }) {
  const { t } = useI18n();
  const [file, setFile] = useState<PieceFile | null>(null);
  const [failed, setFailed] = useState(false);
  const [playback, setPlayback] = useState<PiecePlayback | null>(null);
  const [state, setState] = useState<PlaybackState>('idle');
  const [time, setTime] = useState(0);
  const [volume, setVolume] = useState(0.8);
  const [muted, setMuted] = useState(false);
  const region = useRef<HTMLElement>(null);

  useEffect(() => {
    let current = true;
    setFailed(false);
    loadPieceFile(midiUrl, authorizedFetch).then(
      (loaded) => current && setFile(loaded),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [midiUrl]);

  useEffect(() => {
    if (!file) return;
    const next = new PiecePlayback(file);
    setPlayback(next);
    setState('idle');
    setTime(0);
    const stop = next.onChange((changed) => {
      setState(changed);
      setTime(next.currentTime());
    });
    return () => {
      stop();
      next.dispose();
    };
  }, [file]);

  useEffect(() => {
    if (state !== 'playing' || !playback) return;
    const timer = setInterval(() => setTime(playback.currentTime()), 250);
    return () => clearInterval(timer);
  }, [state, playback]);

  useEffect(() => playback?.setVolume(muted ? 0 : volume), [playback, volume, muted]);

  const seek = useCallback(
    (seconds: number) => {
      playback?.seek(seconds);
      setTime(playback?.currentTime() ?? 0);
    },
    [playback],
  );
  const toggle = useCallback(() => void playback?.toggle(), [playback]);
  const now = useCallback(() => playback?.currentTime() ?? 0, [playback]);

  useEffect(() => {
    if (!playback) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || handledByFocus(event.target, event.key)) return;
      const inPlayer = region.current?.contains(document.activeElement) ?? false;
      const actions: Record<string, () => void> = {
        ' ': toggle,
        k: toggle,
        j: () => seek(playback.currentTime() - JUMP_STEP),
        l: () => seek(playback.currentTime() + JUMP_STEP),
        ArrowLeft: () => seek(playback.currentTime() - SEEK_STEP),
        ArrowRight: () => seek(playback.currentTime() + SEEK_STEP),
        Home: () => seek(0),
        m: () => setMuted((value) => !value),
        ...(inPlayer ? { ArrowUp: () => setVolume((value) => Math.min(1, value + VOLUME_STEP)), ArrowDown: () => setVolume((value) => Math.max(0, value - VOLUME_STEP)) } : {}),
      };
      const action = actions[event.key.length === 1 ? event.key.toLowerCase() : event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [playback, seek, toggle]);

  const duration = file?.durationSeconds ?? 0;
  const playing = state === 'playing' || state === 'loading';
  return (
    <section ref={region} className="player panel" aria-label={t('player.label')} data-testid="player" data-state={state} onPointerEnter={preloadSound} onFocus={preloadSound}>
      <div className="player-controls">
        <button type="button" className="play-toggle" onClick={toggle} disabled={!playback} aria-label={playing ? t('player.pause') : t('player.play')} data-testid="play-toggle">
          <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span>
        </button>
        <input
          type="range"
          className="seek"
          aria-label={t('player.seek')}
          min={0}
          max={Math.max(1, Math.ceil(duration))}
          step={0.1}
          value={Math.min(time, duration)}
          aria-valuetext={t('player.time', { time: clock(time), length: clock(duration) })}
          disabled={!playback}
          onChange={(event) => seek(Number(event.target.value))}
          data-testid="seek"
        />
        <span className="player-time" data-testid="player-time">
          {clock(time)} / {clock(duration)}
        </span>
        <button type="button" className="secondary mute" onClick={() => setMuted((value) => !value)} aria-pressed={muted} aria-label={muted ? t('player.unmute') : t('player.mute')}>
          <span aria-hidden="true">{muted ? '🔇' : '🔊'}</span>
        </button>
        <input
          type="range"
          className="volume"
          aria-label={t('player.volume')}
          min={0}
          max={1}
          step={0.05}
          value={muted ? 0 : volume}
          onChange={(event) => {
            setMuted(false);
            setVolume(Number(event.target.value));
          }}
        />
      </div>
      <p role="status" className="muted player-status" data-testid="player-status">
        {failed ? t('player.unavailable') : t(`player.state.${state}`)}
      </p>
      <div className="roll-frame">{file ? <PieceRoll notes={file.notes} duration={duration} time={now} onSeek={seek} label={t('player.roll')} /> : null}</div>
      <p className="muted shortcuts">{t('player.shortcuts')}</p>
    </section>
  );
}
