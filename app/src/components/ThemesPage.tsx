'use client';

import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '@/gql';
import type { Scale, Visibility } from '@/gql/graphql';
import { useI18n } from '@/lib/i18n';
import { useAuth } from '@/lib/providers';
import { ErrorMessage, Loading } from './ErrorMessage';

const ThemeGallery = graphql(`
  query ThemeGallery($scope: ThemeScope) {
    themes(filter: { scope: $scope }) {
      id
      name
      description
      builtIn
      tempoMin
      tempoMax
      scales
      usageCount
      visibility
      instruments {
        name
        role
        instrument
      }
    }
  }
`);

const CreateSoundscape = graphql(`
  mutation CreateSoundscape($input: ThemeInput!) {
    createTheme(input: $input) {
      id
      name
    }
  }
`);

const SCALES: Scale[] = ['MAJOR', 'NATURAL_MINOR', 'HARMONIC_MINOR', 'DORIAN', 'PHRYGIAN', 'LYDIAN', 'MIXOLYDIAN', 'MAJOR_PENTATONIC', 'MINOR_PENTATONIC', 'BLUES'];
const BUILT_IN = ['classical', 'jazz', 'electronic', 'ambient', 'rock', 'world', 'cinematic', 'lofi'];

export function ThemesPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const [gallery] = useQuery({ query: ThemeGallery, variables: { scope: 'GALLERY' } });
  const [mine, refetchMine] = useQuery({ query: ThemeGallery, variables: { scope: 'MINE' }, pause: !user });
  const [created, createTheme] = useMutation(CreateSoundscape);
  const [scales, setScales] = useState<Scale[]>(['DORIAN', 'MAJOR']);

  const submit = async (form: FormData) => {
    const number = (name: string) => Number(form.get(name));
    const result = await createTheme({
      input: {
        name: String(form.get('name')),
        description: String(form.get('description')),
        basedOn: String(form.get('basedOn')),
        tempoMin: number('tempoMin'),
        tempoMax: number('tempoMax'),
        scales,
        density: number('density'),
        swing: number('swing'),
        visibility: String(form.get('visibility')) as Visibility,
      },
    });
    if (result.data) refetchMine({ requestPolicy: 'network-only' });
  };

  const list = (themes: NonNullable<typeof gallery.data>['themes']) => (
    <ul className="cards">
      {themes.map((theme) => (
        <li key={theme.id}>
          <strong>{theme.name}</strong> <span className="muted">({theme.id})</span>
          <div className="muted">
            {theme.tempoMin}–{theme.tempoMax} BPM · {theme.scales.map((scale) => scale.toLowerCase().replace(/_/g, ' ')).join(', ')}
          </div>
          <div className="muted">{theme.instruments.map((instrument) => instrument.instrument).join(' · ')}</div>
        </li>
      ))}
    </ul>
  );

  return (
    <>
      <h1>{t('themes.title')}</h1>
      <p className="muted">{t('themes.intro')}</p>
      {user ? (
        <form
          className="panel"
          onSubmit={(event) => {
            event.preventDefault();
            void submit(new FormData(event.currentTarget));
          }}
        >
          <div className="row">
            <div>
              <label htmlFor="theme-name">{t('themes.name')}</label>
              <input id="theme-name" name="name" required maxLength={60} />
            </div>
            <div>
              <label htmlFor="theme-based">{t('themes.basedOn')}</label>
              <select id="theme-based" name="basedOn" defaultValue="jazz">
                {BUILT_IN.map((id) => (
                  <option key={id} value={id}>
                    {id}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="theme-visibility">{t('piece.visibility')}</label>
              <select id="theme-visibility" name="visibility" defaultValue="PUBLIC">
                {(['PUBLIC', 'UNLISTED', 'PRIVATE'] as const).map((value) => (
                  <option key={value} value={value}>
                    {t(`visibility.${value}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <p>
            <label htmlFor="theme-description">{t('themes.description')}</label>
            <input id="theme-description" name="description" maxLength={280} />
          </p>
          <div className="row">
            <div>
              <label htmlFor="theme-tempo-min">{t('themes.tempoMin')}</label>
              <input id="theme-tempo-min" name="tempoMin" type="number" min={40} max={240} defaultValue={80} />
            </div>
            <div>
              <label htmlFor="theme-tempo-max">{t('themes.tempoMax')}</label>
              <input id="theme-tempo-max" name="tempoMax" type="number" min={40} max={240} defaultValue={120} />
            </div>
            <div>
              <label htmlFor="theme-density">{t('themes.density')}</label>
              <input id="theme-density" name="density" type="number" min={0} max={1} step={0.05} defaultValue={0.6} />
            </div>
            <div>
              <label htmlFor="theme-swing">{t('themes.swing')}</label>
              <input id="theme-swing" name="swing" type="number" min={0} max={0.5} step={0.01} defaultValue={0.1} />
            </div>
          </div>
          <fieldset>
            <legend>{t('themes.scales')}</legend>
            <div className="checks">
              {SCALES.map((scale) => (
                <label key={scale}>
                  <input
                    type="checkbox"
                    checked={scales.includes(scale)}
                    onChange={(event) => setScales((current) => (event.target.checked ? [...current, scale] : current.filter((s) => s !== scale)))}
                  />
                  {scale.toLowerCase().replace(/_/g, ' ')}
                </label>
              ))}
            </div>
          </fieldset>
          <p>
            <button type="submit" disabled={created.fetching}>
              {t('themes.create')}
            </button>
          </p>
          {created.data ? <p role="status">{t('themes.createdAs', { name: created.data.createTheme.name, id: created.data.createTheme.id })}</p> : null}
          <ErrorMessage error={created.error} />
        </form>
      ) : (
        <p>{t('common.signInNeeded')}</p>
      )}
      {user ? (
        <>
          <h2>{t('themes.mine')}</h2>
          {mine.fetching && !mine.data ? <Loading /> : null}
          {mine.data ? list(mine.data.themes) : null}
        </>
      ) : null}
      <h2>{t('themes.gallery')}</h2>
      {gallery.fetching && !gallery.data ? <Loading /> : null}
      <ErrorMessage error={gallery.error} />
      {gallery.data ? gallery.data.themes.length ? list(gallery.data.themes) : <p className="muted">{t('common.none')}</p> : null}
    </>
  );
}
