'use client';

import Link from 'next/link';
import { useI18n } from '@/lib/i18n';
import { type Piece, piecePath } from './piece';

/** Where the piece comes from (its parent, then its parent's, up to the original) and its remixes; nothing when it has neither. */
export function LineagePanel({ piece }: { piece: Piece }) {
  const { t } = useI18n();
  if (!piece.lineage.length && !piece.remixes.nodes.length) return null;
  return (
    <section className="panel">
      {piece.lineage.length ? (
        <>
          <h2>{t('piece.lineage')}</h2>
          <ol data-testid="lineage">
            {piece.lineage.map((ancestor) => (
              <li key={ancestor.id}>
                <Link href={piecePath(ancestor.id)}>{ancestor.title}</Link>
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
                <Link href={piecePath(child.id)}>{child.title}</Link> {child.owner ? `· ${child.owner.username}` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
