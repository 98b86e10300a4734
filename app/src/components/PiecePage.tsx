'use client';

import { useState } from 'react';
import { useQuery, useSubscription } from 'urql';
import { graphql } from '@/gql';
import { useI18n } from '@/lib/i18n';
import { useAuth } from '@/lib/providers';
import { useLive } from '@/lib/use-live';
import { LivePiece, ThemeChoices } from './ComposePage';
import { ErrorMessage, Loading } from './ErrorMessage';
import { LiveStage } from './LiveStage';
import { CommentsPanel } from './piece/CommentsPanel';
import { EditPanel } from './piece/EditPanel';
import { LineagePanel } from './piece/LineagePanel';
import { PieceHeader } from './piece/PieceHeader';
import { PresencePanel, usePiecePresence } from './piece/PresencePanel';
import { liveInput, PieceDetail } from './piece/piece';
import { RemixPanel } from './piece/RemixPanel';

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

/** One piece: it follows the piece's changes live (co-editing) and refetches it after each. */
export function PiecePage({ id }: { id: string }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const [{ data, fetching, error }, refetch] = useQuery({ query: PieceDetail, variables: { id } });
  const present = usePiecePresence(id, Boolean(user));
  const [lastChange, setLastChange] = useState<string | null>(null);
  useSubscription({ query: PieceChanged, variables: { id }, pause: !data?.composition?.saved }, (_previous, change) => {
    const author = change.compositionChanged.author?.username ?? '';
    setLastChange(t('piece.lastChange', { version: change.compositionChanged.version, author, fields: change.compositionChanged.changedFields.join(', ') }));
    refetch({ requestPolicy: 'network-only' });
    return change;
  });
  const live = useLive(LivePiece, (result) => result.liveComposition);
  const [{ data: themeData }] = useQuery({ query: ThemeChoices });

  if (fetching && !data) return <Loading />;
  if (error && !data) return <ErrorMessage error={error} />;
  const piece = data?.composition;
  if (!piece) return <p className="error">{t('piece.notFound')}</p>;

  const themes = themeData?.themes ?? [];
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const signedInOnSaved = Boolean(user) && piece.saved;
  const playhead = () => (live.player && live.status === 'playing' ? live.player.pieceTime() : null);

  return (
    <>
      <PieceHeader piece={piece} onPlayLive={() => void live.play({ input: liveInput(piece) })} liveError={live.error} />
      {live.status !== 'idle' || live.now ? <LiveStage player={live.player} now={live.now} status={live.status} /> : null}
      {signedInOnSaved ? <PresencePanel people={present} lastChange={lastChange} /> : null}
      {piece.viewerCan.edit ? <EditPanel piece={piece} themes={themes} onInvited={reload} /> : null}
      <CommentsPanel piece={piece} canPost={signedInOnSaved} playhead={playhead} onPosted={reload} />
      {signedInOnSaved ? <RemixPanel piece={piece} themes={themes} /> : null}
      <LineagePanel piece={piece} />
    </>
  );
}
