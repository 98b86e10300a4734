/**
 * The roles of an account, listed once: the GraphQL enum, the token check and every role gate read
 * this list. Roles are ranked — an ADMIN may do everything a PARTNER may, a PARTNER everything a
 * USER may — so a gate names the lowest role it lets through. Pure: no I/O.
 */
export const ROLES = ['USER', 'PARTNER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return ROLES.includes(value as Role);
}

/** Whether the viewer holds `needed` or a higher role; nobody signed out does. */
export function hasRole(viewer: { role: Role } | null, needed: Role): boolean {
  return viewer !== null && ROLES.indexOf(viewer.role) >= ROLES.indexOf(needed);
}

const DENIED: Record<Role, string> = {
  USER: 'Sign in to do this',
  PARTNER: 'Only partners and admins can do this',
  ADMIN: 'Only admins can do this',
};

/** What a viewer below the lowest of `allowed` is told. */
export function roleDeniedMessage(allowed: readonly Role[]): string {
  const lowest = ROLES.find((role) => allowed.includes(role)) ?? 'USER';
  return DENIED[lowest];
}
