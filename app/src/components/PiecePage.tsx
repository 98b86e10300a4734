'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useMutation, useQuery, useSubscription } from 'urql';
import { graphql } from '@/gql';
import type { ComposeInput, License, PieceDetailQuery, Visibility } from '@/gql/graphql';
import { useI18n } from '@/lib/i18n';
import { useAuth } from '@/lib/providers';
import { useLive } from '@/lib/use-live';
import { LivePiece, ThemeChoices } from './ComposePage';
import { ErrorMessage, Loading } from './ErrorMessage';
import { ExportButtons } from './ExportButtons';
import { LiveStage } from './LiveStage';
import { PiecePlayer } from './PiecePlayer';
import { ShareButton } from './ShareButton';

const PieceDetail = graphql(`
  query PieceDetail($id: ID!) {
    composition(id: $id) {
      id
      title
      kind
      saved
      visibility
      license
      version
      variation
      key
      scale
      tempoBpm
      durationSeconds
      midiUrl
      attribution
      likeCount
      viewerHasLiked
      viewerCan {
        edit
        setVisibility
        setLicence
        invite
      }
      playCount
      theme {
        id
        name
      }
      airports {
        iata
        icao
      }
      owner {
        id
        username
      }
      parent {
        id
        title
      }
      lineage {
        id
        title
      }
      remixes(first: 20) {
        nodes {
          id
          title
          owner {
            username
          }
        }
      }
      collaborators {
        role
        user {
          id
          username
        }
      }
      comments(first: 100) {
        nodes {
          id
          body
          atSecond
          createdAt
          author {
            username
          }
          replies {
            id
            body
            author {
              username
            }
          }
        }
      }
    }
  }
`);

const PiecePresence = graphql(`
  query PiecePresence($id: ID!) {
    presence(id: $id) {
      id
      username
    }
  }
`);

const PieceChanged = graphql(`
  subscription PieceChanged($id: ID!) {
    compositionChanged(id: $id) {
      version
      changedFields
      author {
        username
      }
    }
  }
`);

const LikePiece = graphql(`
  mutation LikePiece($id: ID!) {
    likeComposition(id: $id) {
      id
      likeCount
      viewerHasLiked
    }
  }
`);

const UnlikePiece = graphql(`
  mutation UnlikePiece($id: ID!) {
    unlikeComposition(id: $id) {
      id
      likeCount
      viewerHasLiked
    }
  }
`);

const CommentOnPiece = graphql(`
  mutation CommentOnPiece($input: AddCommentInput!) {
    addComment(input: $input) {
      id
    }
  }
`);

const RemixPiece = graphql(`
  mutation RemixPiece($id: ID!, $input: RemixInput) {
    remixComposition(id: $id, input: $input) {
      id
    }
  }
`);

const EditPiece = graphql(`
  mutation EditPiece($id: ID!, $expectedVersion: Int!, $patch: CompositionPatch!) {
    updateComposition(id: $id, expectedVersion: $expectedVersion, patch: $patch) {
      id
      version
      title
      visibility
      license
    }
  }
`);

const InvitePerson = graphql(`
  mutation InvitePerson($compositionId: ID!, $username: String!, $role: CollaboratorRole!) {
    inviteCollaborator(compositionId: $compositionId, username: $username, role: $role) {
      id
    }
  }
`);

type Piece = NonNullable<PieceDetailQuery['composition']>;

/** The input that plays a saved piece live: its flight, theme and variation. */
function liveInput(piece: Piece): ComposeInput {
  const codes = piece.airports.map((airport) => airport.iata ?? airport.icao ?? '');
  const flight: ComposeInput = piece.kind === 'ROUTE' ? { route: { from: codes[0], to: codes[1] } } : piece.kind === 'PATH' ? { path: codes } : { journey: codes };
  return { ...flight, theme: piece.theme.id, variation: piece.variation };
}

export function PiecePage({ id }: { id: string }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const router = useRouter();
  const [{ data, fetching, error }, refetch] = useQuery({ query: PieceDetail, variables: { id } });
  const [presence, refetchPresence] = useQuery({ query: PiecePresence, variables: { id }, pause: !user });
  const [lastChange, setLastChange] = useState<string | null>(null);
  useSubscription({ query: PieceChanged, variables: { id }, pause: !data?.composition?.saved }, (_previous, change) => {
    const author = change.compositionChanged.author?.username ?? '';
    setLastChange(t('piece.lastChange', { version: change.compositionChanged.version, author, fields: change.compositionChanged.changedFields.join(', ') }));
    refetch({ requestPolicy: 'network-only' });
    return change;
  });
  useEffect(() => {
    if (!user) return;
    const timer = setInterval(() => refetchPresence({ requestPolicy: 'network-only' }), 3_000);
    return () => clearInterval(timer);
  }, [user, refetchPresence]);
  const live = useLive(LivePiece, (result) => result.liveComposition);
  const [like, likePiece] = useMutation(LikePiece);
  const [unlike, unlikePiece] = useMutation(UnlikePiece);
  const [comment, addComment] = useMutation(CommentOnPiece);
  const [remix, remixPiece] = useMutation(RemixPiece);
  const [edit, editPiece] = useMutation(EditPiece);
  const [invite, invitePerson] = useMutation(InvitePerson);
  const [{ data: themes }] = useQuery({ query: ThemeChoices });
  const [commentAt, setCommentAt] = useState('0');

  if (fetching && !data) return <Loading />;
  if (error && !data) return <ErrorMessage error={error} />;
  const piece = data?.composition;
  if (!piece) return <p className="error">{t('piece.notFound')}</p>;

  // The server says what this viewer may do (composition.policy.ts); the page never works it out.
  const can = piece.viewerCan;
  const comments = piece.comments.nodes;
  const patch = (changes: Record<string, unknown>) => editPiece({ id: piece.id, expectedVersion: piece.version, patch: changes });

  return (
    <>
      <h1 data-testid="piece-title">{piece.title}</h1>
      <p className="muted">
        {piece.owner ? (
          <>
            {t('common.by')} <Link href={`/users/${piece.owner.username}`}>{piece.owner.username}</Link> ·{' '}
          </>
        ) : null}
        {piece.theme.name} · {piece.key} {piece.scale.toLowerCase().replace(/_/g, ' ')} · {Math.round(piece.tempoBpm)} BPM · {t(`license.${piece.license}`)} · {t(`visibility.${piece.visibility}`)}
      </p>
      {piece.attribution ? <p className="muted">{piece.attribution}</p> : null}
      {/* The version in the address: an edited piece is a new file, never the cached old one. */}
      {piece.saved ? <PiecePlayer midiUrl={`${piece.midiUrl}?v=${piece.version}`} /> : null}
      <div className="row">
        {piece.saved ? (
          <ShareButton path={`/pieces/${encodeURIComponent(piece.id)}`} title={piece.title} />
        ) : (
          <button type="button" onClick={() => void live.play({ input: liveInput(piece) })}>
            {t('compose.play')}
          </button>
        )}
        <a className="button secondary" href={piece.midiUrl} download>
          {t('compose.downloadMidi')}
        </a>
        {user && piece.saved ? <ExportButtons compositionId={piece.id} /> : null}
        {user ? (
          <button
            type="button"
            className="secondary"
            aria-pressed={piece.viewerHasLiked}
            disabled={like.fetching || unlike.fetching}
            onClick={() => void (piece.viewerHasLiked ? unlikePiece({ id: piece.id }) : likePiece({ id: piece.id }))}
          >
            {piece.viewerHasLiked ? t('piece.unlike') : t('piece.like')} ({piece.likeCount})
          </button>
        ) : (
          <span>
            {t('piece.likes')}: <span data-testid="like-count">{piece.likeCount}</span>
          </span>
        )}
        <span>
          {t('piece.plays')}: {piece.playCount}
        </span>
      </div>
      <ErrorMessage error={like.error ?? unlike.error ?? live.error} />
      {live.status !== 'idle' || live.now ? <LiveStage player={live.player} now={live.now} status={live.status} /> : null}

      {user && piece.saved ? (
        <section className="panel" aria-labelledby="presence-heading">
          <h2 id="presence-heading">{t('piece.presence')}</h2>
          <ul className="presence" data-testid="presence">
            {(presence.data?.presence ?? []).map((person) => (
              <li key={person.id}>{person.username}</li>
            ))}
          </ul>
          {lastChange ? (
            <p role="status" data-testid="last-change">
              {lastChange}
            </p>
          ) : null}
        </section>
      ) : null}

      {can.edit ? (
        <section className="panel" aria-labelledby="edit-heading">
          <h2 id="edit-heading">{t('piece.edit')}</h2>
          <form
            className="row"
            onSubmit={(event) => {
              event.preventDefault();
              const form = new FormData(event.currentTarget);
              const changes: Record<string, unknown> = { title: String(form.get('title')) };
              const theme = String(form.get('theme'));
              if (theme && theme !== piece.theme.id) changes.theme = theme;
              void patch(changes);
            }}
          >
            <div>
              <label htmlFor="edit-title">{t('piece.titleField')}</label>
              <input id="edit-title" name="title" defaultValue={piece.title} key={`title-${piece.version}`} required maxLength={120} />
            </div>
            <div>
              <label htmlFor="edit-theme">{t('compose.theme')}</label>
              <select id="edit-theme" name="theme" defaultValue={piece.theme.id} key={`theme-${piece.version}`}>
                {themes?.themes.map((theme) => (
                  <option key={theme.id} value={theme.id}>
                    {theme.name}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" disabled={edit.fetching}>
              {t('common.save')}
            </button>
          </form>
          {can.setVisibility || can.setLicence ? (
            <div className="row" style={{ marginTop: '0.75rem' }}>
              {can.setVisibility ? (
                <div>
                  <label htmlFor="visibility">{t('piece.visibility')}</label>
                  <select id="visibility" value={piece.visibility} onChange={(event) => void patch({ visibility: event.target.value as Visibility })}>
                    {(['PUBLIC', 'UNLISTED', 'PRIVATE'] as const).map((value) => (
                      <option key={value} value={value}>
                        {t(`visibility.${value}`)}
                      </option>
                    ))}
                  </select>
                </div>
              ) : null}
              {can.setLicence ? (
                <div>
                  <label htmlFor="license">{t('piece.license')}</label>
                  <select id="license" value={piece.license} onChange={(event) => void patch({ license: event.target.value as License })}>
                    {(['CC_BY_4_0', 'CC_BY_NC_4_0', 'ALL_RIGHTS_RESERVED'] as const).map((value) => (
                      <option key={value} value={value}>
                        {t(`license.${value}`)}
                      </option>
                    ))}
                  </select>
                </div>
              ) : null}
            </div>
          ) : null}
          <ErrorMessage error={edit.error} />
          {can.invite ? (
            <>
              <h3>{t('piece.collaborators')}</h3>
              <ul>
                {piece.collaborators.map((collaborator) => (
                  <li key={collaborator.user.id}>
                    {collaborator.user.username} ({t(`piece.role.${collaborator.role}`)})
                  </li>
                ))}
              </ul>
              <form
                className="row"
                onSubmit={(event) => {
                  event.preventDefault();
                  const form = new FormData(event.currentTarget);
                  void invitePerson({ compositionId: piece.id, username: String(form.get('username')), role: form.get('role') === 'VIEWER' ? 'VIEWER' : 'EDITOR' }).then(() =>
                    refetch({ requestPolicy: 'network-only' }),
                  );
                }}
              >
                <div>
                  <label htmlFor="invite-username">{t('auth.username')}</label>
                  <input id="invite-username" name="username" required />
                </div>
                <div>
                  <label htmlFor="invite-role">{t('piece.role')}</label>
                  <select id="invite-role" name="role" defaultValue="EDITOR">
                    <option value="EDITOR">{t('piece.role.EDITOR')}</option>
                    <option value="VIEWER">{t('piece.role.VIEWER')}</option>
                  </select>
                </div>
                <button type="submit" disabled={invite.fetching}>
                  {t('piece.invite')}
                </button>
              </form>
              <ErrorMessage error={invite.error} />
            </>
          ) : null}
        </section>
      ) : null}

      <section className="panel" aria-labelledby="comments-heading">
        <h2 id="comments-heading">{t('piece.commentCount', { count: comments.length })}</h2>
        <p className="muted">{t('piece.timeline')}</p>
        <div className="timeline" data-testid="comment-timeline">
          {comments
            .filter((c) => c.atSecond !== null && c.atSecond !== undefined)
            .map((c) => (
              <span
                key={c.id}
                className="marker"
                style={{ left: `${Math.min(100, ((c.atSecond ?? 0) / piece.durationSeconds) * 100)}%` }}
                title={`${Math.round(c.atSecond ?? 0)} s · ${c.author.username}: ${c.body}`}
              />
            ))}
        </div>
        <ol>
          {comments.map((c) => (
            <li key={c.id} data-testid="comment">
              <strong>{c.author.username}</strong>
              {c.atSecond !== null && c.atSecond !== undefined ? <span className="muted"> @ {Math.round(c.atSecond)} s</span> : null}: {c.body}
              {c.replies.length ? (
                <ul>
                  {c.replies.map((reply) => (
                    <li key={reply.id}>
                      <strong>{reply.author.username}</strong>: {reply.body}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
        {user && piece.saved ? (
          <form
            className="row"
            onSubmit={(event) => {
              event.preventDefault();
              const formElement = event.currentTarget;
              const form = new FormData(formElement);
              void addComment({ input: { compositionId: piece.id, body: String(form.get('body')), atSecond: Number(form.get('atSecond')) } }).then((result) => {
                if (!result.error) {
                  formElement.reset();
                  refetch({ requestPolicy: 'network-only' });
                }
              });
            }}
          >
            <div style={{ flex: '3 1 300px' }}>
              <label htmlFor="comment-body">{t('piece.addComment')}</label>
              <input id="comment-body" name="body" required maxLength={2000} />
            </div>
            <div style={{ flex: '0 1 120px' }}>
              <label htmlFor="comment-at">{t('piece.commentAt')}</label>
              <input
                id="comment-at"
                name="atSecond"
                type="number"
                min={0}
                max={Math.floor(piece.durationSeconds)}
                value={commentAt}
                onChange={(event) => setCommentAt(event.target.value)}
                onFocus={() => live.player && live.status === 'playing' && setCommentAt(String(Math.max(0, Math.floor(live.player.pieceTime()))))}
              />
            </div>
            <button type="submit" disabled={comment.fetching}>
              {t('piece.post')}
            </button>
          </form>
        ) : null}
        <ErrorMessage error={comment.error} />
      </section>

      {user && piece.saved ? (
        <section className="panel" aria-labelledby="remix-heading">
          <h2 id="remix-heading">{t('piece.remix')}</h2>
          <form
            className="row"
            onSubmit={(event) => {
              event.preventDefault();
              const form = new FormData(event.currentTarget);
              const theme = String(form.get('theme'));
              void remixPiece({ id: piece.id, input: { title: String(form.get('title')) || undefined, theme: theme || undefined } }).then((result) => {
                if (result.data) router.push(`/pieces/${encodeURIComponent(result.data.remixComposition.id)}`);
              });
            }}
          >
            <div>
              <label htmlFor="remix-title">{t('piece.remixTitle')}</label>
              <input id="remix-title" name="title" maxLength={120} />
            </div>
            <div>
              <label htmlFor="remix-theme">{t('compose.theme')}</label>
              <select id="remix-theme" name="theme" defaultValue="">
                <option value="">{t('compose.themeAuto')}</option>
                {themes?.themes.map((theme) => (
                  <option key={theme.id} value={theme.id}>
                    {theme.name}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" disabled={remix.fetching}>
              {t('piece.remix')}
            </button>
          </form>
          <ErrorMessage error={remix.error} />
        </section>
      ) : null}

      {piece.lineage.length || piece.remixes.nodes.length ? (
        <section className="panel">
          {piece.lineage.length ? (
            <>
              <h2>{t('piece.lineage')}</h2>
              <ol data-testid="lineage">
                {piece.lineage.map((ancestor) => (
                  <li key={ancestor.id}>
                    <Link href={`/pieces/${encodeURIComponent(ancestor.id)}`}>{ancestor.title}</Link>
                  </li>
                ))}
              </ol>
            </>
          ) : null}
          {piece.remixes.nodes.length ? (
            <>
              <h2>{t('piece.remixes')}</h2>
              <ul>
                {piece.remixes.nodes.map((child) => (
                  <li key={child.id}>
                    <Link href={`/pieces/${encodeURIComponent(child.id)}`}>{child.title}</Link> {child.owner ? `· ${child.owner.username}` : ''}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
