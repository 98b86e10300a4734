'use client';

import { useMutation } from 'urql';
import { graphql } from '@/gql';
import type { License, Visibility } from '@/gql/graphql';
import { useI18n } from '@/lib/i18n';
import { ErrorMessage } from '../ErrorMessage';
import { InviteForm } from './InviteForm';
import type { Piece, ThemeChoice } from './piece';

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

const VISIBILITIES = ['PUBLIC', 'UNLISTED', 'PRIVATE'] as const satisfies readonly Visibility[];
const LICENSES = ['CC_BY_4_0', 'CC_BY_NC_4_0', 'ALL_RIGHTS_RESERVED'] as const satisfies readonly License[];

/**
 * Co-editing: title and theme, visibility and licence, and collaborators, each shown only when the
 * server says this viewer may (viewerCan, from composition.policy.ts); the page never works it out.
 */
export function EditPanel({ piece, themes, onInvited }: { piece: Piece; themes: ThemeChoice[]; onInvited: () => void }) {
  const { t } = useI18n();
  const [edit, editPiece] = useMutation(EditPiece);
  const can = piece.viewerCan;
  // The version read with the page: an edit of an older version is refused, never merged silently.
  const patch = (changes: Record<string, unknown>) => editPiece({ id: piece.id, expectedVersion: piece.version, patch: changes });

  return (
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
            {themes.map((theme) => (
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
                {VISIBILITIES.map((value) => (
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
                {LICENSES.map((value) => (
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
      {can.invite ? <InviteForm piece={piece} onInvited={onInvited} /> : null}
    </section>
  );
}
