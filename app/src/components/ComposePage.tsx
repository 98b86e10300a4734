'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useMutation, useQuery, useClient, type CombinedError } from 'urql';
import { graphql } from '@/gql';
import type { ComposeInput, PreviewPieceQuery } from '@/gql/graphql';
import { useI18n } from '@/lib/i18n';
import { useAuth } from '@/lib/providers';
import { useLive } from '@/lib/use-live';
import { AirportCombobox, type PickedAirport } from './AirportCombobox';
import { ErrorMessage } from './ErrorMessage';
import { LiveStage } from './LiveStage';
import { WorldMap } from './WorldMap';

export const ThemeChoices = graphql(`
  query ThemeChoices {
    themes {
      id
      name
      builtIn
    }
  }
`);

const PreviewPiece = graphql(`
  query PreviewPiece($input: ComposeInput!) {
    previewComposition(input: $input) {
      id
      title
      tempoBpm
      key
      scale
      durationSeconds
      midiUrl
      theme {
        id
        name
      }
      sections {
        name
        startSeconds
      }
    }
  }
`);

const SavePiece = graphql(`
  mutation SavePiece($input: ComposeInput!) {
    createComposition(input: $input) {
      id
      title
    }
  }
`);

export const LivePiece = graphql(`
  subscription LivePiece($input: ComposeInput!) {
    liveComposition(input: $input) {
      ...LiveBatchFields
    }
  }
`);

export function ComposePage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const client = useClient();
  const [from, setFrom] = useState<PickedAirport | null>(null);
  const [to, setTo] = useState<PickedAirport | null>(null);
  const [stops, setStops] = useState<(PickedAirport | null)[]>([]);
  const [theme, setTheme] = useState('');
  const [input, setInput] = useState<ComposeInput | null>(null);
  const [preview, setPreview] = useState<PreviewPieceQuery['previewComposition'] | null>(null);
  const [composing, setComposing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<CombinedError | null>(null);
  const [{ data: themes }] = useQuery({ query: ThemeChoices });
  const [saved, save] = useMutation(SavePiece);
  const [savedId, setSavedId] = useState<string | null>(null);
  const live = useLive(LivePiece, (data) => data.liveComposition);

  const points = [from, ...stops, to].filter((airport): airport is PickedAirport => airport !== null);

  const compose = async () => {
    setProblem(null);
    setError(null);
    if (!from || !to || stops.some((stop) => stop === null)) {
      setProblem(t('compose.needsAirports'));
      return;
    }
    const codes = [from, ...(stops as PickedAirport[]), to].map((airport) => airport.code);
    const next: ComposeInput = codes.length === 2 ? { route: { from: codes[0], to: codes[1] } } : { journey: codes };
    if (theme) next.theme = theme;
    setComposing(true);
    const result = await client.query(PreviewPiece, { input: next }, { requestPolicy: 'network-only' }).toPromise();
    setComposing(false);
    if (result.error || !result.data) {
      setError(result.error ?? null);
      setPreview(null);
      setInput(null);
      return;
    }
    live.stop();
    setSavedId(null);
    setPreview(result.data.previewComposition);
    setInput(next);
  };

  return (
    <>
      <h1>{t('compose.title')}</h1>
      <p className="muted">{t('compose.intro')}</p>
      <form
        className="panel"
        onSubmit={(event) => {
          event.preventDefault();
          void compose();
        }}
      >
        <div className="row">
          <AirportCombobox id="from" label={t('compose.from')} value={from} onChange={setFrom} />
          <AirportCombobox id="to" label={t('compose.to')} value={to} onChange={setTo} />
          <div>
            <label htmlFor="theme">{t('compose.theme')}</label>
            <select id="theme" value={theme} onChange={(event) => setTheme(event.target.value)}>
              <option value="">{t('compose.themeAuto')}</option>
              {themes?.themes.map((choice) => (
                <option key={choice.id} value={choice.id}>
                  {choice.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        <fieldset style={{ marginTop: '0.75rem' }}>
          <legend>{t('compose.stops')}</legend>
          {stops.map((stop, index) => (
            <div className="row" key={index}>
              <AirportCombobox
                id={`stop-${index}`}
                label={t('compose.stop', { number: index + 1 })}
                value={stop}
                onChange={(airport) => setStops((current) => current.map((item, i) => (i === index ? airport : item)))}
              />
              <button type="button" className="secondary" onClick={() => setStops((current) => current.filter((_, i) => i !== index))}>
                {t('compose.removeStop')}
              </button>
            </div>
          ))}
          <button type="button" className="secondary" onClick={() => setStops((current) => [...current, null])} disabled={stops.length >= 18}>
            {t('compose.addStop')}
          </button>
        </fieldset>
        <p>
          <button type="submit" disabled={composing}>
            {composing ? t('common.loading') : t('compose.button')}
          </button>
        </p>
        {problem ? (
          <p className="error" role="alert">
            {problem}
          </p>
        ) : null}
        <ErrorMessage error={error} />
      </form>

      <WorldMap points={points} label={t('compose.map')} />

      {preview && input ? (
        <section className="panel" aria-labelledby="piece-heading">
          <h2 id="piece-heading">{preview.title}</h2>
          <dl className="facts">
            <div>
              <dt>{t('compose.theme')}</dt>
              <dd>{preview.theme.name}</dd>
            </div>
            <div>
              <dt>{t('compose.tempo')}</dt>
              <dd>{Math.round(preview.tempoBpm)} BPM</dd>
            </div>
            <div>
              <dt>{t('compose.key')}</dt>
              <dd>{preview.key}</dd>
            </div>
            <div>
              <dt>{t('compose.scale')}</dt>
              <dd>{preview.scale.toLowerCase().replace(/_/g, ' ')}</dd>
            </div>
            <div>
              <dt>{t('compose.duration')}</dt>
              <dd>{t('common.secondsCount', { count: Math.round(preview.durationSeconds) })}</dd>
            </div>
          </dl>
          <div className="row">
            {live.status === 'playing' || live.status === 'connecting' ? (
              <button type="button" onClick={live.stop}>
                {t('compose.stop.button')}
              </button>
            ) : (
              <button type="button" onClick={() => void live.play({ input })}>
                {t('compose.play')}
              </button>
            )}
            <a className="button secondary" href={preview.midiUrl} download>
              {t('compose.downloadMidi')}
            </a>
            {user ? (
              savedId ? (
                <Link className="button secondary" href={`/pieces/${encodeURIComponent(savedId)}`}>
                  {t('compose.open')}
                </Link>
              ) : (
                <button type="button" className="secondary" disabled={saved.fetching} onClick={() => void save({ input }).then((result) => setSavedId(result.data?.createComposition.id ?? null))}>
                  {t('compose.save')}
                </button>
              )
            ) : null}
          </div>
          <ErrorMessage error={saved.error ?? live.error} />
        </section>
      ) : null}

      {live.status !== 'idle' || live.now ? <LiveStage player={live.player} now={live.now} status={live.status} /> : null}
    </>
  );
}
