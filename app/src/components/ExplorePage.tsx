'use client';

import { useState } from 'react';
import { useClient, useQuery, type CombinedError } from 'urql';
import { graphql } from '@/gql';
import type { ExplorePathsQuery, SoundAlikeRoutesQuery } from '@/gql/graphql';
import { useI18n } from '@/lib/i18n';
import { AirportCombobox, type PickedAirport } from './AirportCombobox';
import { ErrorMessage, Loading } from './ErrorMessage';
import { PieceList } from './PieceList';

const ExplorePaths = graphql(`
  query ExplorePaths($from: String!, $to: String!, $maxStops: Int) {
    findPaths(from: $from, to: $to, maxStops: $maxStops, limit: 5) {
      stops
      totalDistanceKm
      legs {
        id
        origin {
          iata
          icao
        }
        destination {
          iata
          icao
        }
      }
    }
  }
`);

const SoundAlikeRoutes = graphql(`
  query SoundAlikeRoutes($from: String!, $to: String!) {
    similarRoutes(from: $from, to: $to, first: 6) {
      score
      route {
        id
        distanceKm
        origin {
          iata
          icao
          city
        }
        destination {
          iata
          icao
          city
        }
      }
    }
  }
`);

const RecentWithSimilar = graphql(`
  query RecentWithSimilar {
    compositions(first: 6) {
      nodes {
        id
        title
        likeCount
        theme {
          name
        }
        owner {
          username
        }
        similar(first: 3) {
          score
          composition {
            id
            title
          }
        }
      }
    }
  }
`);

const code = (airport: { iata?: string | null; icao?: string | null }) => airport.iata ?? airport.icao ?? '?';

export function ExplorePage() {
  const { t } = useI18n();
  const client = useClient();
  const [from, setFrom] = useState<PickedAirport | null>(null);
  const [to, setTo] = useState<PickedAirport | null>(null);
  const [maxStops, setMaxStops] = useState(1);
  const [paths, setPaths] = useState<ExplorePathsQuery['findPaths'] | null>(null);
  const [similar, setSimilar] = useState<SoundAlikeRoutesQuery['similarRoutes'] | null>(null);
  const [error, setError] = useState<CombinedError | null>(null);
  const [busy, setBusy] = useState(false);
  const [recent] = useQuery({ query: RecentWithSimilar });

  const search = async () => {
    if (!from || !to) return;
    setBusy(true);
    setError(null);
    const [pathResult, similarResult] = await Promise.all([
      client.query(ExplorePaths, { from: from.code, to: to.code, maxStops }).toPromise(),
      client.query(SoundAlikeRoutes, { from: from.code, to: to.code }).toPromise(),
    ]);
    setBusy(false);
    setError(pathResult.error ?? null);
    setPaths(pathResult.data?.findPaths ?? null);
    // Similar routes need a real direct route; without one the section simply stays empty.
    setSimilar(similarResult.data?.similarRoutes ?? null);
  };

  return (
    <>
      <h1>{t('explore.title')}</h1>
      <p className="muted">{t('explore.intro')}</p>
      <form
        className="panel"
        onSubmit={(event) => {
          event.preventDefault();
          void search();
        }}
      >
        <h2>{t('explore.paths')}</h2>
        <div className="row">
          <AirportCombobox id="explore-from" label={t('compose.from')} value={from} onChange={setFrom} />
          <AirportCombobox id="explore-to" label={t('compose.to')} value={to} onChange={setTo} />
          <div style={{ flex: '0 1 140px' }}>
            <label htmlFor="max-stops">{t('explore.maxStops')}</label>
            <select id="max-stops" value={maxStops} onChange={(event) => setMaxStops(Number(event.target.value))}>
              {[0, 1, 2, 3].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" disabled={!from || !to || busy}>
            {busy ? t('common.loading') : t('explore.find')}
          </button>
        </div>
        <ErrorMessage error={error} />
      </form>
      {paths ? (
        paths.length ? (
          <ol data-testid="paths">
            {paths.map((path, index) => (
              <li key={index}>
                {[code(path.legs[0].origin), ...path.legs.map((leg) => code(leg.destination))].join(' → ')} · {Math.round(path.totalDistanceKm).toLocaleString()} km ·{' '}
                {t('explore.stopCount', { count: path.stops })}
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">{t('explore.noPaths')}</p>
        )
      ) : null}
      {similar?.length ? (
        <>
          <h2>{t('explore.similarRoutes')}</h2>
          <ul className="cards">
            {similar.map((match) => (
              <li key={match.route.id}>
                {code(match.route.origin)} → {code(match.route.destination)}
                <div className="muted">
                  {match.route.origin.city} → {match.route.destination.city} · {Math.round(match.route.distanceKm).toLocaleString()} km · {(match.score * 100).toFixed(0)}%
                </div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>{t('explore.similarPieces')}</h2>
      {recent.fetching && !recent.data ? <Loading /> : null}
      <ErrorMessage error={recent.error} />
      {recent.data ? (
        <ul className="cards">
          {recent.data.compositions.nodes.map((piece) => (
            <li key={piece.id}>
              <PieceList pieces={[piece]} />
              <ul>
                {piece.similar.map((match) => (
                  <li key={match.composition.id}>
                    <a href={`/pieces/${encodeURIComponent(match.composition.id)}`}>{match.composition.title}</a> <span className="muted">{(match.score * 100).toFixed(0)}%</span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
