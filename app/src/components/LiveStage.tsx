'use client';

import type { NowPlaying } from '@/lib/live-player';
import type { LivePlayer } from '@/lib/live-player';
import type { LiveStatus } from '@/lib/use-live';
import { useI18n } from '@/lib/i18n';
import { PianoRoll } from './PianoRoll';

/** The piece as it sounds: status, tempo/key/scale, section and chord now, progress and piano roll. */
export function LiveStage({ player, now, status }: { player: LivePlayer | null; now: NowPlaying | null; status: LiveStatus }) {
  const { t } = useI18n();
  const piece = now?.piece;
  return (
    <section aria-labelledby="live-heading" className="panel">
      <h2 id="live-heading">{piece?.title ?? t('compose.pianoRoll')}</h2>
      <p role="status" aria-live="polite" data-testid="live-status">
        {t(`compose.status.${status}`)}
      </p>
      <dl className="facts">
        <div>
          <dt>{t('compose.tempo')}</dt>
          <dd data-testid="live-tempo">{piece ? `${piece.tempoBpm} BPM` : '–'}</dd>
        </div>
        <div>
          <dt>{t('compose.key')}</dt>
          <dd data-testid="live-key">{now?.key ?? '–'}</dd>
        </div>
        <div>
          <dt>{t('compose.scale')}</dt>
          <dd>{now?.scale ? now.scale.toLowerCase().replace(/_/g, ' ') : '–'}</dd>
        </div>
        <div>
          <dt>{t('compose.section')}</dt>
          <dd data-testid="live-section">{now?.section ?? '–'}</dd>
        </div>
        <div>
          <dt>{t('compose.chord')}</dt>
          <dd data-testid="live-chord">{now?.chord ? `${now.chord} (${now.roman})` : '–'}</dd>
        </div>
      </dl>
      <div className="progress" role="progressbar" aria-label={t('compose.duration')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round((now?.progress ?? 0) * 100)}>
        <div style={{ width: `${(now?.progress ?? 0) * 100}%` }} />
      </div>
      <PianoRoll player={player} label={t('compose.pianoRoll')} />
    </section>
  );
}
