/**
 * Who may change a comment, pure (no I/O). Seeing and adding comments follows the piece: whoever
 * may see a saved piece may read its comments, and anyone signed in who may see it may comment
 * (see compositions/composition.policy.ts, action `comment`).
 *
 * - `edit`: its author only — words are never put in someone's mouth, not even by an admin.
 * - `delete`: its author or an admin (moderation).
 */
import type { Viewer } from '../users/tokens.js';
import { hasRole } from '../users/user.policy.js';

export type CommentAction = 'edit' | 'delete';

export function can(viewer: Pick<Viewer, 'id' | 'role'> | null, action: CommentAction, comment: { authorId: number | null }): boolean {
  if (!viewer) return false;
  if (comment.authorId === viewer.id) return true;
  return action === 'delete' && hasRole(viewer, 'ADMIN');
}
