import { BadUserInputError, NotFoundError } from '../../errors.js';
import type { ContestRepo, ContestRow, ContestStatusValue, EntryRow } from './contest.repo.js';
import type { Placing } from './contest.topics.js';

/** Entries must touch this airport or an airport in this country: exactly one is given. */
export interface RouteConstraintCommand {
  airport?: string;
  country?: string;
}

/** The fields a new contest may set beyond its title and windows; the rules default when left out. */
interface ContestFieldsCommand {
  description?: string;
  prize?: string;
  sponsor?: string;
  allowedThemes?: string[];
  routeConstraint?: RouteConstraintCommand | null;
  entriesPerPerson?: number;
  votesPerVoter?: number;
  minAccountAgeHours?: number;
}

export interface NewContestCommand extends ContestFieldsCommand {
  title: string;
  submissionsOpenAt: Date;
  submissionsCloseAt: Date;
  votingOpenAt: Date;
  votingCloseAt: Date;
}

/** Only the fields given change. */
export type ContestChangesCommand = Partial<NewContestCommand>;

export interface ContestRulesView {
  allowedThemes: string[];
  routeConstraint: { airport: string | null; country: string | null } | null;
  entriesPerPerson: number;
  votesPerVoter: number;
  minAccountAgeHours: number;
}

export interface ContestResultsView {
  frozenAt: Date;
  winners: Placing[];
  standings: Placing[];
}

export function statusAt(contest: Pick<ContestRow, 'submissionsOpenAt' | 'votingOpenAt' | 'votingCloseAt' | 'closedEarlyAt'>, now: Date): ContestStatusValue {
  if (contest.closedEarlyAt || now >= contest.votingCloseAt) return 'CLOSED';
  if (now >= contest.votingOpenAt) return 'VOTING';
  if (now >= contest.submissionsOpenAt) return 'OPEN';
  return 'DRAFT';
}

export const acceptsEntries = (contest: ContestRow, now: Date) => statusAt(contest, now) === 'OPEN' && now < contest.submissionsCloseAt;
export const isVotingOpen = (contest: ContestRow) => contest.resultsFrozenAt === null && statusAt(contest, new Date()) === 'VOTING';

type Windows = Pick<ContestRow, 'submissionsOpenAt' | 'submissionsCloseAt' | 'votingOpenAt' | 'votingCloseAt'>;

export function checkWindows(windows: Windows): void {
  const { submissionsOpenAt, submissionsCloseAt, votingOpenAt, votingCloseAt } = windows;
  if (!(submissionsOpenAt < submissionsCloseAt && submissionsCloseAt <= votingOpenAt && votingOpenAt < votingCloseAt)) {
    throw new BadUserInputError('The windows must be ordered: submissionsOpenAt < submissionsCloseAt <= votingOpenAt < votingCloseAt');
  }
}

export function rulesOf(contest: ContestRow): ContestRulesView {
  return {
    allowedThemes: contest.allowedThemes ? contest.allowedThemes.split(' ') : [],
    routeConstraint: contest.requiredAirport || contest.requiredCountry ? { airport: contest.requiredAirport, country: contest.requiredCountry } : null,
    entriesPerPerson: contest.entriesPerPerson,
    votesPerVoter: contest.votesPerVoter,
    minAccountAgeHours: contest.minAccountAgeHours,
  };
}

// Ids are row ids, null when the client's id names no contest (or entry): answered like a missing row.

export async function requireContest(repo: ContestRepo, id: number | null): Promise<ContestRow> {
  const [contest] = id === null ? [] : await repo.findByIds([id]);
  if (!contest) throw new NotFoundError('No contest has this id');
  return contest;
}

export async function requireEntry(repo: ContestRepo, id: number | null): Promise<EntryRow> {
  const [entry] = id === null ? [] : await repo.entriesByIds([id]);
  if (!entry) throw new NotFoundError('No contest entry has this id');
  return entry;
}
