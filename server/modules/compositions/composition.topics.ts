import type { VisibilityValue } from './composition.repo.js';

export const COMPOSITION_CHANGED = 'aero-melody:composition-changed';

/** What every instance hears when a saved piece changes; enough to decide who may see it. */
export interface CompositionChangedEvent {
  compositionId: number;
  version: number;
  changedFields: string[];
  authorId: number;
  ownerId: number | null;
  visibility: VisibilityValue;
  /** Who may still hear about a private piece besides its owner. */
  collaboratorIds: number[];
}

export type CompositionTopics = { [COMPOSITION_CHANGED]: [number, CompositionChangedEvent] };
