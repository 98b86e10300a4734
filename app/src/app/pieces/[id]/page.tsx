import type { Metadata } from 'next';
import { PiecePage } from '@/components/PiecePage';
import { pieceMetadata, UNSHARED } from '@/lib/share/piece-metadata';
import { sharedPiece } from '@/lib/share/pieces';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const piece = await sharedPiece(decodeURIComponent((await params).id));
  return piece ? pieceMetadata(piece) : UNSHARED;
}

export default async function Page({ params }: Props) {
  const { id } = await params;
  return <PiecePage id={decodeURIComponent(id)} />;
}
