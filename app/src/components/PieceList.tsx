'use client';

import Link from 'next/link';
import { useI18n } from '@/lib/i18n';

export interface PieceSummary {
  id: string;
  title: string;
  likeCount?: number;
  theme?: { name: string };
  owner?: { username: string } | null;
}

export function PieceList({ pieces, testId }: { pieces: PieceSummary[]; testId?: string }) {
  const { t } = useI18n();
  if (pieces.length === 0) return <p className="muted">{t('common.none')}</p>;
  return (
    <ul className="cards" data-testid={testId}>
      {pieces.map((piece) => (
        <li key={piece.id}>
          <Link href={`/pieces/${encodeURIComponent(piece.id)}`}>{piece.title}</Link>
          <div className="muted">
            {piece.theme?.name}
            {piece.owner ? ` · ${t('common.by', { name: piece.owner.username })}` : ''}
            {piece.likeCount !== undefined ? ` · ♥ ${piece.likeCount}` : ''}
          </div>
        </li>
      ))}
    </ul>
  );
}
