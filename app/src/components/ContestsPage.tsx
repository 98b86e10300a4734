'use client';

import Link from 'next/link';
import { useQuery } from 'urql';
import { graphql } from '@/gql';
import { useI18n } from '@/lib/i18n';
import { ErrorMessage, Loading } from './ErrorMessage';

const ContestList = graphql(`
  query ContestList($first: Int) {
    contests(first: $first) {
      nodes {
        ...ContestFields
      }
    }
  }
`);

export function ContestsPage() {
  const { t, locale } = useI18n();
  const [{ data, fetching, error }] = useQuery({ query: ContestList, variables: { first: 50 } });
  return (
    <>
      <h1>{t('contests.title')}</h1>
      <p className="muted">{t('contests.intro')}</p>
      {fetching && !data ? <Loading /> : null}
      <ErrorMessage error={error} />
      {data && data.contests.nodes.length === 0 ? <p className="muted">{t('common.none')}</p> : null}
      <ul className="cards" data-testid="contests">
        {data?.contests.nodes.map((contest) => (
          <li key={contest.id}>
            <Link href={`/contests/${encodeURIComponent(contest.id)}`}>{contest.title}</Link>
            <div className="muted">
              {t(`contests.status.${contest.status}`)} · {contest.sponsor ? `${contest.sponsor} · ` : ''}
              {t('contests.entryCount', { count: contest.stats.entries })} · {t('contests.voteCount', { count: contest.stats.votes })}
            </div>
            <div className="muted">{t('contests.votingUntil', { date: new Date(contest.votingCloseAt).toLocaleString(locale) })}</div>
          </li>
        ))}
      </ul>
    </>
  );
}
