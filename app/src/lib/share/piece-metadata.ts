import type { Metadata } from 'next';
import { clock } from '../clock';
import { requestLocale } from '../request-locale';
import { translator } from '../translate';
import { routeOf, type SharedPiece } from './pieces';
import { requestOrigin } from './server-api';

export const pagePath = (piece: Pick<SharedPiece, 'id'>) => `/pieces/${encodeURIComponent(piece.id)}`;
export const imagePath = (piece: Pick<SharedPiece, 'id'>) => `/og/pieces/${encodeURIComponent(piece.id)}`;
export const embedPath = (piece: Pick<SharedPiece, 'id'>) => `/embed/pieces/${encodeURIComponent(piece.id)}`;

/** One sentence on a piece: theme, route, owner, key, tempo and length, in the reader's language. */
export async function pieceDescription(piece: SharedPiece): Promise<string> {
  const t = translator(await requestLocale());
  const values = {
    theme: piece.theme.name,
    route: routeOf(piece),
    owner: piece.owner?.username ?? '',
    key: piece.key,
    scale: piece.scale.toLowerCase().replace(/_/g, ' '),
    tempo: Math.round(piece.tempoBpm),
    length: clock(piece.durationSeconds),
  };
  return t(piece.owner ? 'meta.pieceBy' : 'meta.piece', values);
}

/** Title, description, Open Graph and Twitter card of a public piece, and its oEmbed discovery link. */
export async function pieceMetadata(piece: SharedPiece): Promise<Metadata> {
  const description = await pieceDescription(piece);
  const origin = await requestOrigin();
  const url = pagePath(piece);
  const image = { url: imagePath(piece), width: 1200, height: 630, alt: `${piece.title} · ${routeOf(piece)}` };
  return {
    title: piece.title,
    description,
    alternates: { canonical: url, types: { 'application/json+oembed': `/oembed?url=${encodeURIComponent(origin + url)}&format=json` } },
    openGraph: { type: 'music.song', title: piece.title, description, url, images: [image], siteName: 'Aero Melody' },
    twitter: { card: 'summary_large_image', title: piece.title, description, images: [image] },
  };
}

/** What a page of a piece that is not public tells a link preview: nothing of the piece. */
export const UNSHARED: Metadata = { robots: { index: false, follow: false } };
