import { NotFoundError, UnauthenticatedError } from '../../errors.js';
import type { Viewer } from './tokens.js';
import type { UserRepo, UserRow } from './user.repo.js';

/** The signed-in viewer, or UNAUTHENTICATED (saying why, when a token was sent but refused). */
export function requireViewer(context: { viewer: Viewer | null; authError: Error | null }): Viewer {
  if (context.viewer) return context.viewer;
  throw context.authError ?? new UnauthenticatedError('Sign in to do this');
}

export class UserService {
  constructor(private readonly repo: UserRepo) {}

  byUsername(username: string): Promise<UserRow | null> {
    return this.repo.findByUsername(username);
  }

  byId(id: number): Promise<UserRow | null> {
    return this.repo.findById(id);
  }

  /** Makes an account PREMIUM (there is no payment provider); effective at once. Admins only: the gate is on the mutation. */
  async grantPremium(username: string): Promise<UserRow> {
    const user = await this.repo.setTier(username, 'PREMIUM');
    if (!user) throw new NotFoundError(`No user is called "${username}"`);
    return user;
  }

  updateProfile(viewer: Viewer, profile: { displayName?: string; bio?: string }): Promise<UserRow> {
    return this.repo.updateProfile(viewer.id, { displayName: profile.displayName?.trim(), bio: profile.bio?.trim() });
  }
}
