import type { Viewer } from '../users/tokens.js';
import type { CollaboratorRepo } from './collaborator.repo.js';
import type { CompositionRow } from './composition.repo.js';
import { accessOf, type Access, type PieceFacts } from './composition.policy.js';

export type { Access };

/** The facts composition.policy.ts decides on, read for one piece and viewer (the collaborator role needs a lookup). */
export class CompositionAccess {
  constructor(private readonly collaborators: CollaboratorRepo) {}

  async factsOf(row: Pick<CompositionRow, 'id' | 'ownerId' | 'visibility' | 'license'>, viewer: Pick<Viewer, 'id'> | null): Promise<PieceFacts> {
    const collaboratorRole = viewer && row.ownerId !== viewer.id ? await this.collaborators.roleOf(row.id, viewer.id) : null;
    return { ownerId: row.ownerId, visibility: row.visibility, license: row.license, collaboratorRole };
  }

  async of(row: Pick<CompositionRow, 'id' | 'ownerId' | 'visibility' | 'license'>, viewer: Pick<Viewer, 'id'> | null): Promise<Access | null> {
    return accessOf(viewer, await this.factsOf(row, viewer));
  }

  /** Whether a change event may reach this viewer (collaborator ids travel with the event). */
  static mayHear(event: { ownerId: number | null; visibility: string; collaboratorIds: number[] }, viewer: Viewer | null): boolean {
    if (event.visibility !== 'PRIVATE') return true;
    return viewer !== null && (event.ownerId === viewer.id || event.collaboratorIds.includes(viewer.id));
  }
}
