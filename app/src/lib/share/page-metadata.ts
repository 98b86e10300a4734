import type { Metadata } from 'next';
import { requestLocale } from '../request-locale';
import { translator } from '../translate';
import { graphql } from '@/gql';
import { anonymousQuery } from './server-api';

const SharedProfile = graphql(`
  query SharedProfile($username: String!) {
    user(username: $username) {
      username
      displayName
      compositionCount
      followerCount
    }
  }
`);

const SharedContest = graphql(`
  query SharedContest($id: ID!) {
    contest(id: $id) {
      id
      title
      sponsor
      description
    }
  }
`);

const SharedRadio = graphql(`
  query SharedRadio($code: String!) {
    airport(code: $code) {
      name
      city
      iata
      icao
    }
  }
`);

const card = (title: string, description: string, url: string, type: 'profile' | 'website' = 'website'): Metadata => ({
  title,
  description,
  alternates: { canonical: url },
  openGraph: { type, title, description, url, siteName: 'Aero Melody' },
  twitter: { card: 'summary', title, description },
});

export async function profileMetadata(username: string): Promise<Metadata> {
  const data = await anonymousQuery(SharedProfile, { username });
  const user = data?.user;
  if (!user) return {};
  const t = translator(await requestLocale());
  const name = user.displayName || user.username;
  const description = t('meta.profile', { name, count: user.compositionCount, followers: user.followerCount });
  return card(name, description, `/users/${encodeURIComponent(user.username)}`, 'profile');
}

export async function contestMetadata(id: string): Promise<Metadata> {
  const data = await anonymousQuery(SharedContest, { id });
  const contest = data?.contest;
  if (!contest) return {};
  const t = translator(await requestLocale());
  return card(contest.title, t('meta.contest', { sponsor: contest.sponsor, description: contest.description.slice(0, 200) }), `/contests/${encodeURIComponent(contest.id)}`);
}

export async function radioMetadata(code: string): Promise<Metadata> {
  const data = await anonymousQuery(SharedRadio, { code });
  const airport = data?.airport;
  if (!airport) return {};
  const t = translator(await requestLocale());
  const channel = airport.iata ?? airport.icao ?? code;
  return card(t('radio.channelTitle', { channel }), t('meta.radio', { airport: `${airport.name}, ${airport.city}` }), `/radio/${encodeURIComponent(channel)}`);
}
