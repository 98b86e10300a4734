'use client';

import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useQuery } from 'urql';
import { graphql } from '@/gql';
import { useI18n } from '@/lib/i18n';
import { useAuth } from '@/lib/providers';
import { ErrorMessage, Loading } from './ErrorMessage';

const AnalyticsFigures = graphql(`
  query AnalyticsFigures {
    analytics {
      network {
        distanceBands {
          label
          routeCount
        }
        topHubs(first: 10) {
          destinationCount
          airport {
            iata
            icao
          }
        }
      }
      music {
        compositionsByTheme {
          count
          theme {
            name
          }
        }
      }
      usage {
        requests
        errorCount
        p95LatencyMs
        cacheHitRate
        csvUrl
        overTime {
          bucket
          requests
          errorCount
        }
        topOperations(first: 5) {
          operation
          requests
        }
      }
    }
  }
`);

const AXIS = { stroke: '#aab6c8', fontSize: 12 };
const TOOLTIP = { contentStyle: { background: '#1a2740', border: '1px solid #2c3b58', color: '#eef2f8' } };

function Chart({ title, children }: { title: string; children: React.ReactElement }) {
  return (
    <figure className="panel" style={{ margin: '1rem 0' }}>
      <figcaption>
        <h2 style={{ marginTop: 0 }}>{title}</h2>
      </figcaption>
      <div style={{ width: '100%', height: 260 }}>
        <ResponsiveContainer>{children}</ResponsiveContainer>
      </div>
    </figure>
  );
}

/** Network, music and API-usage figures for partner accounts, drawn with Recharts. */
export function AnalyticsPage() {
  const { t, locale } = useI18n();
  const { user, ready } = useAuth();
  const [{ data, fetching, error }] = useQuery({ query: AnalyticsFigures, pause: !ready || !user });
  const figures = data?.analytics;
  return (
    <>
      <h1>{t('analytics.title')}</h1>
      <p className="muted">{t('analytics.intro')}</p>
      {!user && ready ? <p>{t('analytics.partnersOnly')}</p> : null}
      {fetching && !data ? <Loading /> : null}
      <ErrorMessage error={error} />
      {figures ? (
        <>
          <Chart title={t('analytics.distance')}>
            <BarChart data={figures.network.distanceBands}>
              <CartesianGrid stroke="#2c3b58" />
              <XAxis dataKey="label" tick={AXIS} />
              <YAxis tick={AXIS} />
              <Tooltip {...TOOLTIP} />
              <Bar dataKey="routeCount" name={t('analytics.routes')} fill="#7fb8ff" />
            </BarChart>
          </Chart>
          <Chart title={t('analytics.hubs')}>
            <BarChart data={figures.network.topHubs.map((hub) => ({ code: hub.airport.iata ?? hub.airport.icao, destinations: hub.destinationCount }))}>
              <CartesianGrid stroke="#2c3b58" />
              <XAxis dataKey="code" tick={AXIS} />
              <YAxis tick={AXIS} />
              <Tooltip {...TOOLTIP} />
              <Bar dataKey="destinations" name={t('analytics.destinations')} fill="#ffb347" />
            </BarChart>
          </Chart>
          <Chart title={t('analytics.themes')}>
            <BarChart data={figures.music.compositionsByTheme.map((figure) => ({ theme: figure.theme.name, pieces: figure.count ?? 0 }))}>
              <CartesianGrid stroke="#2c3b58" />
              <XAxis dataKey="theme" tick={AXIS} />
              <YAxis tick={AXIS} allowDecimals={false} />
              <Tooltip {...TOOLTIP} />
              <Bar dataKey="pieces" name={t('profile.pieces')} fill="#8be28b" />
            </BarChart>
          </Chart>
          <section className="panel">
            <h2 style={{ marginTop: 0 }}>{t('analytics.usage')}</h2>
            <dl className="facts">
              <div>
                <dt>{t('analytics.requests')}</dt>
                <dd>{figures.usage.requests.toLocaleString(locale)}</dd>
              </div>
              <div>
                <dt>{t('analytics.errors')}</dt>
                <dd>{figures.usage.errorCount.toLocaleString(locale)}</dd>
              </div>
              <div>
                <dt>p95</dt>
                <dd>{figures.usage.p95LatencyMs === null ? '–' : `${Math.round(figures.usage.p95LatencyMs)} ms`}</dd>
              </div>
              <div>
                <dt>{t('analytics.cacheHits')}</dt>
                <dd>{figures.usage.cacheHitRate === null ? '–' : `${Math.round(figures.usage.cacheHitRate * 100)} %`}</dd>
              </div>
            </dl>
            <div style={{ width: '100%', height: 220 }}>
              <ResponsiveContainer>
                <LineChart data={figures.usage.overTime.map((point) => ({ day: new Date(point.bucket).toLocaleDateString(locale), requests: point.requests, errors: point.errorCount }))}>
                  <CartesianGrid stroke="#2c3b58" />
                  <XAxis dataKey="day" tick={AXIS} />
                  <YAxis tick={AXIS} />
                  <Tooltip {...TOOLTIP} />
                  <Line dataKey="requests" name={t('analytics.requests')} stroke="#ffb347" />
                  <Line dataKey="errors" name={t('analytics.errors')} stroke="#ff8a8a" />
                </LineChart>
              </ResponsiveContainer>
            </div>
            <p>
              <a href={figures.usage.csvUrl}>{t('analytics.csv')}</a>
            </p>
          </section>
        </>
      ) : null}
    </>
  );
}
