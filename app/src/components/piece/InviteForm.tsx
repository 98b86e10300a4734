'use client';

import { useMutation } from 'urql';
import { graphql } from '@/gql';
import { useI18n } from '@/lib/i18n';
import { ErrorMessage } from '../ErrorMessage';
import type { Piece } from './piece';

const InvitePerson = graphql(`
  mutation InvitePerson($compositionId: ID!, $username: String!, $role: CollaboratorRole!) {
    inviteCollaborator(compositionId: $compositionId, username: $username, role: $role) {
      id
    }
  }
`);

/** The piece's collaborators, and a form inviting one more as editor or viewer. */
export function InviteForm({ piece, onInvited }: { piece: Piece; onInvited: () => void }) {
  const { t } = useI18n();
  const [invite, invitePerson] = useMutation(InvitePerson);
  return (
    <>
      <h3>{t('piece.collaborators')}</h3>
      <ul>
        {piece.collaborators.map((collaborator) => (
          <li key={collaborator.user.id}>
            {collaborator.user.username} ({t(`piece.role.${collaborator.role}`)})
          </li>
        ))}
      </ul>
      <form
        className="row"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          void invitePerson({ compositionId: piece.id, username: String(form.get('username')), role: form.get('role') === 'VIEWER' ? 'VIEWER' : 'EDITOR' }).then(onInvited);
        }}
      >
        <div>
          <label htmlFor="invite-username">{t('auth.username')}</label>
          <input id="invite-username" name="username" required />
        </div>
        <div>
          <label htmlFor="invite-role">{t('piece.role')}</label>
          <select id="invite-role" name="role" defaultValue="EDITOR">
            <option value="EDITOR">{t('piece.role.EDITOR')}</option>
            <option value="VIEWER">{t('piece.role.VIEWER')}</option>
          </select>
        </div>
        <button type="submit" disabled={invite.fetching}>
          {t('piece.invite')}
        </button>
      </form>
      <ErrorMessage error={invite.error} />
    </>
  );
}
