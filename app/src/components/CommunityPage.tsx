'use client';

import Link from 'next/link';
import { useQuery } from 'urql';
import { graphql } from '@/gql';
import { useI18n } from '@/lib/i18n';
import { useAuth } from '@/lib/providers';
import { ErrorMessage, Loading } from './ErrorMessage';
import { PieceList } from './PieceList';

const CommunityFeed = graphql(`
  query CommunityFeed($first: Int) {
    feed(first: $first) {
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
      }
    }
  }
`);

export function CommunityPage() {
  const { t, rich } = useI18n();
  const { user } = useAuth();
  const [{ data, fetching, error }] = useQuery({ query: CommunityFeed, variables: { first: 24 } });
  return (
    <>
      <h1>{t('community.title')}</h1>
      <p className="muted">{t('community.intro')}</p>
      {user ? (
        <p>
          {rich('auth.signedInAs', { name: <Link href={`/users/${user.username}`}>{user.username}</Link> })} · <Link href="/themes">{t('nav.themes')}</Link>
        </p>
      ) : (
        <p>
          <Link className="button" href="/account">
            {t('auth.signUpOrLogIn')}
          </Link>
        </p>
      )}
      <h2>{t('community.feed')}</h2>
      {fetching && !data ? <Loading /> : null}
      <ErrorMessage error={error} />
      {data ? <PieceList pieces={data.feed.nodes} testId="feed" /> : null}
    </>
  );
}
