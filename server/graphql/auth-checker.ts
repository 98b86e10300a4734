import type { AuthChecker } from 'type-graphql';
import { ForbiddenError } from '../errors.js';
import { hasRole, roleDeniedMessage, type Role } from '../modules/users/user.policy.js';
import { requireViewer } from '../modules/users/user.service.js';
import type { RequestContext } from '../context.js';

/**
 * The role gate behind `@Authorized(...roles)`: signed out is UNAUTHENTICATED (saying why, when a
 * token was sent but refused), a role below every one named is FORBIDDEN. It throws our own
 * errors instead of answering false, so the codes and messages are the ones clients know.
 */
export const authChecker: AuthChecker<Pick<RequestContext, 'viewer' | 'authError'>, Role> = ({ context }, roles) => {
  const viewer = requireViewer(context);
  if (roles.length > 0 && !roles.some((role) => hasRole(viewer, role))) throw new ForbiddenError(roleDeniedMessage(roles));
  return true;
};
