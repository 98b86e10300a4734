/**
 * Who may do what with a saved piece — the one place these rules are written; services and the
 * `Composition.viewerCan` field ask `can`. Pure: the caller brings the facts (owner, visibility,
 * licence, and the viewer's collaborator role, which needs a lookup).
 *
 * - view: the owner and invited collaborators (EDITOR or VIEWER); everyone when the piece is not
 *   PRIVATE. A piece someone may not view answers exactly like a missing one.
 * - edit (title, music): the owner and EDITORs.
 * - setVisibility, setLicence, delete, invite (collaborators), enterContest: the owner only.
 * - comment: anyone signed in who may view it.
 * - export (audio): anyone signed in who may view it; under ALL_RIGHTS_RESERVED, only the owner
 *   and collaborators.
 * - remix: anyone signed in who may view it; under ALL_RIGHTS_RESERVED, only the owner.
 *
 * Why remix and export differ under ALL_RIGHTS_RESERVED, on purpose: an export is a copy of the
 * sound for someone the owner invited to work on the piece; a remix is a new piece, published
 * under the remixer's name with a licence the remixer chooses — only the rights holder can grant
 * that. Admins have no rights over other people's pieces (they moderate comments and contests).
 */
import type { Viewer } from '../users/tokens.js';

/** OWNER and EDITOR may change a piece; VIEWER and READER (public or unlisted) may only see it. */
export type Access = 'OWNER' | 'EDITOR' | 'VIEWER' | 'READER';

export const COMPOSITION_ACTIONS = ['view', 'edit', 'setVisibility', 'setLicence', 'delete', 'invite', 'enterContest', 'comment', 'export', 'remix'] as const;
export type CompositionAction = (typeof COMPOSITION_ACTIONS)[number];

export interface PieceFacts {
  ownerId: number | null;
  visibility: string;
  license: string;
  /** The viewer's role as an invited collaborator, if they are one. */
  collaboratorRole: 'EDITOR' | 'VIEWER' | null;
}

/** How the viewer stands to the piece; null when they may not see it. */
export function accessOf(viewer: Pick<Viewer, 'id'> | null, piece: Pick<PieceFacts, 'ownerId' | 'visibility' | 'collaboratorRole'>): Access | null {
  if (viewer && piece.ownerId === viewer.id) return 'OWNER';
  if (viewer && piece.collaboratorRole) return piece.collaboratorRole;
  return piece.visibility === 'PRIVATE' ? null : 'READER';
}

/** Whether someone standing to a piece as `access` may do `action`; `signedIn` for the actions that need an account. */
export function permits(access: Access | null, signedIn: boolean, action: CompositionAction, license: string): boolean {
  if (access === null) return false;
  const reservedRights = license === 'ALL_RIGHTS_RESERVED';
  switch (action) {
    case 'view':
      return true;
    case 'edit':
      return access === 'OWNER' || access === 'EDITOR';
    case 'setVisibility':
    case 'setLicence':
    case 'delete':
    case 'invite':
    case 'enterContest':
      return access === 'OWNER';
    case 'comment':
      return signedIn;
    case 'export':
      return signedIn && (!reservedRights || access !== 'READER');
    case 'remix':
      return signedIn && (!reservedRights || access === 'OWNER');
  }
}

export function can(viewer: Pick<Viewer, 'id'> | null, action: CompositionAction, piece: PieceFacts): boolean {
  return permits(accessOf(viewer, piece), viewer !== null, action, piece.license);
}

/** What a viewer is told when `action` is refused on a piece they may see. */
export const DENIED: Record<Exclude<CompositionAction, 'view'>, string> = {
  edit: 'Only the owner and editors can change this composition',
  setVisibility: 'Only the owner can change visibility or licence',
  setLicence: 'Only the owner can change visibility or licence',
  delete: 'Only the owner can delete this composition',
  invite: 'Only the owner can invite collaborators',
  enterContest: 'Only its owner can enter a piece in a contest',
  comment: 'Sign in to comment',
  export: 'Its licence (all rights reserved) lets only its owner and collaborators export its audio',
  remix: 'Its licence (all rights reserved) does not allow remixes',
};
