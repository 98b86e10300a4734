import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PiecePlayer } from '@/components/PiecePlayer';
import { requestLocale } from '@/lib/request-locale';
import { pagePath, pieceDescription } from '@/lib/share/piece-metadata';
import { routeOf, sharedPiece } from '@/lib/share/pieces';
import { translator } from '@/lib/translate';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const piece = await sharedPiece(decodeURIComponent((await params).id));
  return { title: piece?.title, robots: { index: false, follow: true } };
}

/**
 * The player other sites put in an iframe (the one page that allows framing, see next.config.mjs).
 * Only public pieces: anything else is the same 404 as a piece that does not exist.
 */
export default async function EmbedPage({ params }: Props) {
  const piece = await sharedPiece(decodeURIComponent((await params).id));
  if (!piece) notFound();
  const t = translator(await requestLocale());
  return (
    <article className="embed">
      <h1>
        <a href={pagePath(piece)} target="_blank" rel="noopener">
          {piece.title}
        </a>
      </h1>
      <p className="muted">
        {routeOf(piece)} · {await pieceDescription(piece)}
      </p>
      <PiecePlayer midiUrl={piece.midiUrl} />
      <p>
        <a href={pagePath(piece)} target="_blank" rel="noopener">
          {t('embed.open')}
        </a>
      </p>
    </article>
  );
}
