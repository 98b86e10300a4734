'use client';

import { useRouter } from 'next/navigation';
import { useMutation } from 'urql';
import { graphql } from '@/gql';
import { useI18n } from '@/lib/i18n';
import { ErrorMessage } from '../ErrorMessage';
import { type Piece, piecePath, type ThemeChoice } from './piece';

const RemixPiece = graphql(`
  mutation RemixPiece($id: ID!, $input: RemixInput) {
    remixComposition(id: $id, input: $input) {
      id
    }
  }
`);

/** Remixes the piece (a new title and theme, both optional), then opens the remix. */
export function RemixPanel({ piece, themes }: { piece: Piece; themes: ThemeChoice[] }) {
  const { t } = useI18n();
  const router = useRouter();
  const [remix, remixPiece] = useMutation(RemixPiece);
  return (
    <section className="panel" aria-labelledby="remix-heading">
      <h2 id="remix-heading">{t('piece.remix')}</h2>
      <form
        className="row"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const theme = String(form.get('theme'));
          void remixPiece({ id: piece.id, input: { title: String(form.get('title')) || undefined, theme: theme || undefined } }).then((result) => {
            if (result.data) router.push(piecePath(result.data.remixComposition.id));
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
            {themes.map((theme) => (
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
  );
}
