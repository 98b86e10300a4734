'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useMutation, useQuery, useSubscription } from 'urql';
import { graphql } from '@/gql';
import type { LeaderboardEntryFieldsFragment } from '@/gql/graphql';
import { useI18n } from '@/lib/i18n';
import { useAuth } from '@/lib/providers';
import { ErrorMessage, Loading } from './ErrorMessage';

const ContestDetail = graphql(`
  query ContestDetail($id: ID!) {
    contest(id: $id) {
      ...ContestFields
      entries(first: 100) {
        nodes {
          ...ContestEntryFields
        }
      }
      leaderboard(first: 10) {
        ...LeaderboardEntryFields
      }
    }
  }
`);

const LeaderboardLive = graphql(`
  subscription LeaderboardLive($contestId: ID!) {
    leaderboardChanged(contestId: $contestId) {
      final
      top {
        ...LeaderboardEntryFields
      }
    }
  }
`);

const MyPieces = graphql(`
  query MyPieces($username: String!) {
    user(username: $username) {
      id
      compositions(first: 50) {
        nodes {
          id
          title
          visibility
        }
      }
    }
  }
`);

const VoteForEntry = graphql(`
  mutation VoteForEntry($entryId: ID!) {
    castVote(entryId: $entryId) {
      id
      votes
      viewerHasVoted
    }
  }
`);

const RetractEntryVote = graphql(`
  mutation RetractEntryVote($entryId: ID!) {
    retractVote(entryId: $entryId) {
      id
      votes
      viewerHasVoted
    }
  }
`);

const SubmitToContest = graphql(`
  mutation SubmitToContest($contestId: ID!, $compositionId: ID!) {
    submitEntry(contestId: $contestId, compositionId: $compositionId) {
      id
    }
  }
`);

type Board = LeaderboardEntryFieldsFragment[];

export function ContestPage({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const { user } = useAuth();
  const [{ data, fetching, error }, refetch] = useQuery({ query: ContestDetail, variables: { id } });
  const [live] = useSubscription({ query: LeaderboardLive, variables: { contestId: id } });
  const [mine] = useQuery({ query: MyPieces, variables: { username: user?.username ?? '' }, pause: !user });
  const [vote, castVote] = useMutation(VoteForEntry);
  const [retract, retractVote] = useMutation(RetractEntryVote);
  const [submission, submitEntry] = useMutation(SubmitToContest);
  const [choice, setChoice] = useState('');

  if (fetching && !data) return <Loading />;
  if (error && !data) return <ErrorMessage error={error} />;
  const contest = data?.contest;
  if (!contest) return <p className="error">{t('error.NOT_FOUND')}</p>;
  const board: Board = live.data?.leaderboardChanged.top ?? contest.leaderboard;
  const when = (iso: string) => new Date(iso).toLocaleString(locale);
  const rules = contest.rules;

  return (
    <>
      <h1>{contest.title}</h1>
      <p className="muted">
        {t(`contests.status.${contest.status}`)}
        {contest.sponsor ? ` · ${t('contests.sponsor', { sponsor: contest.sponsor })}` : ''}
        {contest.prize ? ` · ${t('contests.prize', { prize: contest.prize })}` : ''}
      </p>
      {contest.description ? <p>{contest.description}</p> : null}
      <section className="panel" aria-labelledby="rules-heading">
        <h2 id="rules-heading">{t('contests.rules')}</h2>
        <ul>
          <li>{t('contests.submissions', { from: when(contest.submissionsOpenAt), to: when(contest.submissionsCloseAt) })}</li>
          <li>{t('contests.voting', { from: when(contest.votingOpenAt), to: when(contest.votingCloseAt) })}</li>
          <li>{t('contests.themes', { themes: rules.allowedThemes.length ? rules.allowedThemes.join(', ') : t('contests.anyTheme') })}</li>
          {rules.routeConstraint ? <li>{t('contests.route', { place: rules.routeConstraint.airport ?? rules.routeConstraint.country ?? '' })}</li> : null}
          <li>{t('contests.entriesPerPerson', { count: rules.entriesPerPerson })}</li>
          <li>{t('contests.votesPerVoter', { count: rules.votesPerVoter })}</li>
          <li>{t('contests.minAge', { hours: rules.minAccountAgeHours })}</li>
        </ul>
        <p className="muted">
          {t('contests.entryCount', { count: contest.stats.entries })} · {t('contests.voters', { count: contest.stats.voters })} · {t('contests.voteCount', { count: contest.stats.votes })}
        </p>
      </section>

      <section className="panel" aria-labelledby="board-heading">
        <h2 id="board-heading">{t('contests.leaderboard')}</h2>
        <p className="muted">{t('contests.live')}</p>
        <table className="table" data-testid="leaderboard">
          <thead>
            <tr>
              <th scope="col">{t('contests.rank')}</th>
              <th scope="col">{t('piece.titleField')}</th>
              <th scope="col">{t('contests.votes')}</th>
            </tr>
          </thead>
          <tbody>
            {board.map((row) => (
              <tr key={row.entry.id} data-entry={row.entry.id}>
                <td>{row.rank}</td>
                <td>
                  {row.entry.composition?.title ?? '–'} {row.entry.author ? <span className="muted">· {row.entry.author.username}</span> : null}
                </td>
                <td data-testid="board-votes">{row.votes}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {user && contest.status === 'OPEN' ? (
        <section className="panel" aria-labelledby="submit-heading">
          <h2 id="submit-heading">{t('contests.submit')}</h2>
          <form
            className="row"
            onSubmit={(event) => {
              event.preventDefault();
              if (choice) void submitEntry({ contestId: contest.id, compositionId: choice }).then(() => refetch({ requestPolicy: 'network-only' }));
            }}
          >
            <div>
              <label htmlFor="entry-piece">{t('profile.pieces')}</label>
              <select id="entry-piece" value={choice} onChange={(event) => setChoice(event.target.value)} required>
                <option value="">–</option>
                {mine.data?.user?.compositions.nodes
                  .filter((piece) => piece.visibility !== 'PRIVATE')
                  .map((piece) => (
                    <option key={piece.id} value={piece.id}>
                      {piece.title}
                    </option>
                  ))}
              </select>
            </div>
            <button type="submit" disabled={submission.fetching}>
              {t('contests.submitButton')}
            </button>
          </form>
          <ErrorMessage error={submission.error} />
        </section>
      ) : null}

      <section className="panel" aria-labelledby="entries-heading">
        <h2 id="entries-heading">{t('contests.entries')}</h2>
        <ErrorMessage error={vote.error ?? retract.error} />
        <ul className="cards" data-testid="entries">
          {contest.entries.nodes.map((entry) => (
            <li key={entry.id} data-entry={entry.id}>
              {entry.composition ? <Link href={`/pieces/${encodeURIComponent(entry.composition.id)}`}>{entry.composition.title}</Link> : '–'}
              <div className="muted">
                {entry.author?.username} · {t('contests.voteCount', { count: entry.votes })}
              </div>
              {user && contest.status === 'VOTING' ? (
                entry.viewerHasVoted ? (
                  <button type="button" className="secondary" disabled={retract.fetching} onClick={() => void retractVote({ entryId: entry.id })}>
                    {t('contests.retract')}
                  </button>
                ) : (
                  <button type="button" disabled={vote.fetching} onClick={() => void castVote({ entryId: entry.id })}>
                    {t('contests.vote')}
                  </button>
                )
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
