import { describe, expect, it } from 'vitest';
import { statusAt } from '../../../../server/modules/contests/contest.model.js';

const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 12, minutes));
const contest = { submissionsOpenAt: at(0), votingOpenAt: at(20), votingCloseAt: at(30), closedEarlyAt: null };

describe('contest status follows the clock', () => {
  it('moves DRAFT -> OPEN -> VOTING -> CLOSED at the window edges', () => {
    expect(statusAt(contest, at(-1))).toBe('DRAFT');
    expect(statusAt(contest, at(0))).toBe('OPEN');
    expect(statusAt(contest, at(19))).toBe('OPEN');
    expect(statusAt(contest, at(20))).toBe('VOTING');
    expect(statusAt(contest, at(30))).toBe('CLOSED');
  });

  it('is CLOSED once an admin closed it early', () => {
    expect(statusAt({ ...contest, closedEarlyAt: at(21) }, at(22))).toBe('CLOSED');
  });
});
