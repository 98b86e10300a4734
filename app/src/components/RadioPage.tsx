'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '@/gql';
import { useI18n } from '@/lib/i18n';
import { useLive } from '@/lib/use-live';
import { AirportCombobox, type PickedAirport } from './AirportCombobox';
import { ErrorMessage } from './ErrorMessage';
import { LiveStage } from './LiveStage';

const RadioStream = graphql(`
  subscription RadioStream($channel: String!) {
    liveRadio(channel: $channel) {
      ...LiveBatchFields
    }
  }
`);

const RadioAirport = graphql(`
  query RadioAirport($code: String!) {
    airport(code: $code) {
      id
      name
      city
    }
  }
`);

const OnAir = graphql(`
  query OnAir {
    radioChannels {
      channel
      listeners
      nowPlaying
    }
  }
`);

export function RadioChooser() {
  const { t } = useI18n();
  const router = useRouter();
  const [airport, setAirport] = useState<PickedAirport | null>(null);
  const [{ data }] = useQuery({ query: OnAir });
  return (
    <>
      <h1>{t('radio.title')}</h1>
      <form
        className="panel row"
        onSubmit={(event) => {
          event.preventDefault();
          if (airport) router.push(`/radio/${airport.code}`);
        }}
      >
        <AirportCombobox id="radio-airport" label={t('radio.choose')} value={airport} onChange={setAirport} />
        <button type="submit" disabled={!airport}>
          {t('radio.go')}
        </button>
      </form>
      <ul className="cards">
        {data?.radioChannels.map((channel) => (
          <li key={channel.channel}>
            <a href={`/radio/${channel.channel}`}>{channel.channel}</a>
            <div className="muted">
              {channel.nowPlaying} · {channel.listeners}
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}

/** Full-screen kiosk: one click or tap (or none, where the browser allows audio) starts the radio. */
export function RadioPage({ airport }: { airport: string }) {
  const { t } = useI18n();
  const [{ data }] = useQuery({ query: RadioAirport, variables: { code: airport } });
  const live = useLive(RadioStream, (result) => result.liveRadio);
  const [started, setStarted] = useState(false);
  const once = useRef(false);
  const start = () => {
    if (once.current) return;
    once.current = true;
    setStarted(true);
    void live.play({ channel: airport });
  };
  useEffect(() => {
    // Kiosks launched with an autoplay policy start by themselves: a probe context that starts
    // running within a moment (it begins suspended either way) says the browser allows it.
    const probe = new AudioContext();
    const check = setTimeout(() => {
      if (probe.state === 'running') start();
      void probe.close();
    }, 300);
    return () => clearTimeout(check);
  }, []); // once, on arrival
  const place = data?.airport ? `${data.airport.name}${data.airport.city ? `, ${data.airport.city}` : ''}` : airport;
  return (
    <div className="radio" onClick={started ? undefined : start}>
      <h1>{t('radio.channelTitle', { channel: airport })}</h1>
      <p className="muted">{t('radio.introAt', { airport: place })}</p>
      {!started ? (
        <button type="button" className="big" autoFocus>
          {t('radio.start')}
        </button>
      ) : null}
      <ErrorMessage error={live.error} />
      {started ? (
        <div style={{ width: 'min(1100px, 100%)' }}>
          <LiveStage player={live.player} now={live.now} status={live.status} />
        </div>
      ) : null}
    </div>
  );
}
