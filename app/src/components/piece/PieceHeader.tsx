'use client';

import Link from 'next/link';
import type { CombinedError } from 'urql';
import { useMutation } from 'urql';
import { graphql } from '@/gql';
import { useI18n } from '@/lib/i18n';
import { useAuth } from '@/lib/providers';
import { ErrorMessage } from '../ErrorMessage';
import { ExportButtons } from '../ExportButtons';
import { PiecePlayer } from '../PiecePlayer';
import { ShareButton } from '../ShareButton';
import { type Piece, piecePath } from './piece';

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

/** Title, what the piece is, its player and what can be done with it (share or play live, download, export, like). */
export function PieceHeader({ piece, onPlayLive, liveError }: { piece: Piece; onPlayLive: () => void; liveError: CombinedError | null }) {
  const { t, rich } = useI18n();
  const { user } = useAuth();
  const [like, likePiece] = useMutation(LikePiece);
  const [unlike, unlikePiece] = useMutation(UnlikePiece);

  return (
    <>
      <h1 data-testid="piece-title">{piece.title}</h1>
      <p className="muted">
        {piece.owner ? <>{rich('common.by', { name: <Link href={`/users/${piece.owner.username}`}>{piece.owner.username}</Link> })} · </> : null}
        {t('piece.summary', {
          theme: piece.theme.name,
          key: piece.key,
          scale: piece.scale.toLowerCase().replace(/_/g, ' '),
          tempo: Math.round(piece.tempoBpm),
          license: t(`license.${piece.license}`),
          visibility: t(`visibility.${piece.visibility}`),
        })}
      </p>
      {piece.attribution ? <p className="muted">{piece.attribution}</p> : null}
      {/* The version in the address: an edited piece is a new file, never the cached old one. */}
      {piece.saved ? <PiecePlayer midiUrl={`${piece.midiUrl}?v=${piece.version}`} /> : null}
      <div className="row">
        {piece.saved ? (
          <ShareButton path={piecePath(piece.id)} title={piece.title} />
        ) : (
          <button type="button" onClick={onPlayLive}>
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
            {t(piece.viewerHasLiked ? 'piece.unlike' : 'piece.like', { count: piece.likeCount })}
          </button>
        ) : (
          <span>{rich('piece.likesLabel', { count: <span data-testid="like-count">{piece.likeCount}</span> })}</span>
        )}
        <span>{t('piece.plays', { count: piece.playCount })}</span>
      </div>
      <ErrorMessage error={like.error ?? unlike.error ?? liveError} />
    </>
  );
}
