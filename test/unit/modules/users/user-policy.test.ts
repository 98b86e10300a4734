import { describe, expect, it } from 'vitest';
import { hasRole, isRole, roleDeniedMessage, ROLES } from '../../../../server/modules/users/user.policy.js';
import { can as canComment } from '../../../../server/modules/comments/comment.policy.js';
import { can as canContest } from '../../../../server/modules/contests/contest.policy.js';

const user = { id: 1, role: 'USER' as const };
const partner = { id: 2, role: 'PARTNER' as const };
const admin = { id: 3, role: 'ADMIN' as const };

describe('roles', () => {
  it('are ranked: each role may do what the ones below it may', () => {
    const table = ROLES.map((held) => ROLES.map((needed) => (hasRole({ role: held }, needed) ? 'y' : '-')).join(''));
    expect(table).toEqual(['y--', 'yy-', 'yyy']);
    expect(ROLES.some((needed) => hasRole(null, needed))).toBe(false);
  });

  it('recognises only the listed roles', () => {
    expect(ROLES.every(isRole)).toBe(true);
    expect(isRole('OWNER')).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });

  it('names the lowest role a gate lets through', () => {
    expect(roleDeniedMessage(['ADMIN'])).toBe('Only admins can do this');
    expect(roleDeniedMessage(['ADMIN', 'PARTNER'])).toBe('Only partners and admins can do this');
  });
});

describe('comment policy', () => {
  it('lets the author edit and delete, an admin delete only, nobody else anything', () => {
    const comment = { authorId: user.id };
    const decide = (viewer: typeof user | typeof partner | typeof admin | null) => `${canComment(viewer, 'edit', comment) ? 'e' : '-'}${canComment(viewer, 'delete', comment) ? 'd' : '-'}`;
    expect([decide(user), decide(partner), decide(admin), decide(null)]).toEqual(['ed', '--', '-d', '--']);
  });
});

describe('contest policy', () => {
  it('lets the organiser update, and only an admin change the rules once submissions opened', () => {
    const contest = { creatorId: partner.id };
    const decide = (viewer: typeof user | typeof partner | typeof admin | null) =>
      `${canContest(viewer, 'update', contest) ? 'u' : '-'}${canContest(viewer, 'changeRulesAfterOpening', contest) ? 'r' : '-'}`;
    expect([decide(partner), decide(admin), decide(user), decide({ id: 9, role: 'PARTNER' }), decide(null)]).toEqual(['u-', 'ur', '--', '--', '--']);
  });
});
