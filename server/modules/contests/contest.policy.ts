/**
 * Who may change a contest, pure (no I/O). Starting one is a role gate on its mutation (partners
 * and admins), closing early and extending one too (admins); these rules are about one contest:
 *
 * - `update`: its organiser or an admin.
 * - `changeRules` once submissions opened: an admin only — the windows and rules are what entrants
 *   and voters relied on. (Nobody changes them after the results froze; the service checks that,
 *   it is a fact about the contest, not about who asks.)
 */
import type { Viewer } from '../users/tokens.js';
import { hasRole } from '../users/user.policy.js';

export type ContestAction = 'update' | 'changeRulesAfterOpening';

export function can(viewer: Pick<Viewer, 'id' | 'role'> | null, action: ContestAction, contest: { creatorId: number | null }): boolean {
  if (!viewer) return false;
  if (hasRole(viewer, 'ADMIN')) return true;
  return action === 'update' && contest.creatorId === viewer.id;
}
