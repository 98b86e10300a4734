'use client';

import { useMutation, useQuery } from 'urql';
import { graphql } from '@/gql';
import { useI18n } from '@/lib/i18n';
import { useAuth } from '@/lib/providers';
import { ErrorMessage, Loading } from './ErrorMessage';
import { PieceList } from './PieceList';

const Profile = graphql(`
  query Profile($username: String!) {
    user(username: $username) {
      id
      username
      displayName
      bio
      joinedAt
      followerCount
      followingCount
      compositionCount
      likesReceived
      viewerFollows
      compositions(first: 50) {
        nodes {
          id
          title
          likeCount
          theme {
            name
          }
        }
      }
    }
  }
`);

const FollowPerson = graphql(`
  mutation FollowPerson($username: String!) {
    follow(username: $username) {
      id
      viewerFollows
      followerCount
    }
  }
`);

const UnfollowPerson = graphql(`
  mutation UnfollowPerson($username: String!) {
    unfollow(username: $username) {
      id
      viewerFollows
      followerCount
    }
  }
`);

const EditProfile = graphql(`
  mutation EditProfile($input: ProfileInput!) {
    updateProfile(input: $input) {
      id
      displayName
      bio
    }
  }
`);

export function ProfilePage({ username }: { username: string }) {
  const { t, locale } = useI18n();
  const { user } = useAuth();
  const [{ data, fetching, error }] = useQuery({ query: Profile, variables: { username } });
  const [followState, follow] = useMutation(FollowPerson);
  const [unfollowState, unfollow] = useMutation(UnfollowPerson);
  const [editState, edit] = useMutation(EditProfile);
  if (fetching && !data) return <Loading />;
  if (error && !data) return <ErrorMessage error={error} />;
  const person = data?.user;
  if (!person) return <p className="error">{t('profile.notFound')}</p>;
  const self = user?.id === person.id;
  return (
    <>
      <h1>{person.displayName || person.username}</h1>
      <p className="muted">
        @{person.username} · {t('profile.joined', { date: new Date(person.joinedAt).toLocaleDateString(locale) })}
      </p>
      {person.bio ? <p>{person.bio}</p> : null}
      <dl className="facts">
        <div>
          <dt>{t('profile.followers')}</dt>
          <dd>{person.followerCount}</dd>
        </div>
        <div>
          <dt>{t('profile.following')}</dt>
          <dd>{person.followingCount}</dd>
        </div>
        <div>
          <dt>{t('profile.pieces')}</dt>
          <dd>{person.compositionCount}</dd>
        </div>
        <div>
          <dt>{t('piece.likes')}</dt>
          <dd>{person.likesReceived}</dd>
        </div>
      </dl>
      {user && !self ? (
        <button type="button" disabled={followState.fetching || unfollowState.fetching} onClick={() => void (person.viewerFollows ? unfollow({ username }) : follow({ username }))}>
          {person.viewerFollows ? t('profile.unfollow') : t('profile.follow')}
        </button>
      ) : null}
      <ErrorMessage error={followState.error ?? unfollowState.error} />
      {self ? (
        <form
          className="panel"
          onSubmit={(event) => {
            event.preventDefault();
            const form = new FormData(event.currentTarget);
            void edit({ input: { displayName: String(form.get('displayName')), bio: String(form.get('bio')) } });
          }}
        >
          <h2>{t('profile.edit')}</h2>
          <p>
            <label htmlFor="profile-name">{t('auth.displayName')}</label>
            <input id="profile-name" name="displayName" defaultValue={person.displayName} maxLength={60} />
          </p>
          <p>
            <label htmlFor="profile-bio">{t('profile.bio')}</label>
            <textarea id="profile-bio" name="bio" defaultValue={person.bio} rows={3} maxLength={500} />
          </p>
          <button type="submit" disabled={editState.fetching}>
            {t('common.save')}
          </button>
          <ErrorMessage error={editState.error} />
        </form>
      ) : null}
      <h2>{t('profile.pieces')}</h2>
      <PieceList pieces={person.compositions.nodes} />
    </>
  );
}
