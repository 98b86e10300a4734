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
  const { t } = useI18n();
  const { user } = useAuth();
  const [like, likePiece] = useMutation(LikePiece);
  const [unlike, unlikePiece] = useMutation(UnlikePiece);

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
      <ErrorMessage error={like.error ?? unlike.error ?? liveError} />
    </>
  );
}
