import type { Viewer } from '../users/tokens.js';
import type { CollaboratorRepo } from './collaborator.repo.js';
import type { CompositionRow } from './composition.repo.js';

/** OWNER and EDITOR may change a piece; VIEWER and READER (public or unlisted) may only see it. */
export type Access = 'OWNER' | 'EDITOR' | 'VIEWER' | 'READER';

/** Who may do what with a saved piece: the owner, invited collaborators, and anyone for non-private pieces. */
export class CompositionAccess {
  constructor(private readonly collaborators: CollaboratorRepo) {}

  async of(row: Pick<CompositionRow, 'id' | 'ownerId' | 'visibility'>, viewer: Pick<Viewer, 'id'> | null): Promise<Access | null> {
    if (viewer && row.ownerId === viewer.id) return 'OWNER';
    const role = viewer ? await this.collaborators.roleOf(row.id, viewer.id) : null;
    if (role) return role;
    return row.visibility === 'PRIVATE' ? null : 'READER';
  }

  /** Whether a change event may reach this viewer (collaborator ids travel with the event). */
  static mayHear(event: { ownerId: number | null; visibility: string; collaboratorIds: number[] }, viewer: Viewer | null): boolean {
    if (event.visibility !== 'PRIVATE') return true;
    return viewer !== null && (event.ownerId === viewer.id || event.collaboratorIds.includes(viewer.id));
  }
}
