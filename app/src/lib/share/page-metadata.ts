import type { Metadata } from 'next';
import { requestLocale } from '../request-locale';
import { translator } from '../translate';
import { anonymousQuery } from './server-api';

const card = (title: string, description: string, url: string, type: 'profile' | 'website' = 'website'): Metadata => ({
  title,
  description,
  alternates: { canonical: url },
  openGraph: { type, title, description, url, siteName: 'Aero Melody' },
  twitter: { card: 'summary', title, description },
});

export async function profileMetadata(username: string): Promise<Metadata> {
  const data = await anonymousQuery<{ user: { username: string; displayName: string; compositionCount: number; followerCount: number } | null }>(
    'query SharedProfile($username: String!) { user(username: $username) { username displayName compositionCount followerCount } }',
    { username },
  );
  const user = data?.user;
  if (!user) return {};
  const t = translator(await requestLocale());
  const name = user.displayName || user.username;
  const description = t('meta.profile', { name, count: user.compositionCount, followers: user.followerCount });
  return card(name, description, `/users/${encodeURIComponent(user.username)}`, 'profile');
}

export async function contestMetadata(id: string): Promise<Metadata> {
  const data = await anonymousQuery<{ contest: { id: string; title: string; sponsor: string; description: string } | null }>(
    'query SharedContest($id: ID!) { contest(id: $id) { id title sponsor description } }',
    { id },
  );
  const contest = data?.contest;
  if (!contest) return {};
  const t = translator(await requestLocale());
  return card(contest.title, t('meta.contest', { sponsor: contest.sponsor, description: contest.description.slice(0, 200) }), `/contests/${encodeURIComponent(contest.id)}`);
}

export async function radioMetadata(code: string): Promise<Metadata> {
  const data = await anonymousQuery<{ airport: { name: string; city: string; iata: string | null; icao: string | null } | null }>(
    'query SharedRadio($code: String!) { airport(code: $code) { name city iata icao } }',
    { code },
  );
  const airport = data?.airport;
  if (!airport) return {};
  const t = translator(await requestLocale());
  const channel = airport.iata ?? airport.icao ?? code;
  return card(t('radio.channelTitle', { channel }), t('meta.radio', { airport: `${airport.name}, ${airport.city}` }), `/radio/${encodeURIComponent(channel)}`);
}
