import { Prisma, type PrismaClient } from '../../adapters/prisma.js';

export interface ContestRow {
  id: number;
  creatorId: number | null;
  title: string;
  description: string;
  prize: string;
  sponsor: string;
  submissionsOpenAt: Date;
  submissionsCloseAt: Date;
  votingOpenAt: Date;
  votingCloseAt: Date;
  allowedThemes: string;
  requiredAirport: string | null;
  requiredCountry: string | null;
  entriesPerPerson: number;
  votesPerVoter: number;
  minAccountAgeHours: number;
  closedEarlyAt: Date | null;
  resultsFrozenAt: Date | null;
  createdAt: Date;
}

export type ContestData = Omit<ContestRow, 'id' | 'creatorId' | 'closedEarlyAt' | 'resultsFrozenAt' | 'createdAt'>;

export interface EntryRow {
  id: number;
  contestId: number;
  compositionId: number | null;
  authorId: number | null;
  fingerprint: string;
  votes: number;
  votesVersion: number;
  finalRank: number | null;
  finalVotes: number | null;
  submittedAt: Date;
}

export type ContestStatusValue = 'DRAFT' | 'OPEN' | 'VOTING' | 'CLOSED';

/** An entry's standing as the leaderboard cache needs it. */
export interface Standing {
  entryId: number;
  votes: number;
  version: number;
}

export type VoteOutcome = { changed: boolean; entry: EntryRow };

/** Why the vote transaction refused, decided inside it (under the locks) and told to the service. */
export class VoteRefusal extends Error {
  constructor(readonly reason: 'NOT_VOTING' | 'NO_ENTRY' | 'OWN_ENTRY' | 'CAP_REACHED') {
    super(reason);
  }
}

export class DuplicateFingerprintError extends Error {}

/** InnoDB deadlock or lock-wait timeout: the transaction was rolled back and may simply run again. */
function isRetryable(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${(error as { code?: string }).code ?? ''}` : '';
  return /P2034|deadlock|1213|1205|Lock wait timeout/i.test(text);
}

/**
 * READ COMMITTED: the checks after taking a lock must see what the previous lock holder
 * committed, not the snapshot from the transaction's first read (REPEATABLE READ would).
 * The waits are generous because a burst of votes queues for the connection pool.
 */
const TRANSACTION_OPTIONS = { maxWait: 30_000, timeout: 30_000, isolationLevel: Prisma.TransactionIsolationLevel.ReadCommitted };

export class ContestRepo {
  constructor(private readonly prisma: PrismaClient) {}

  private async withRetry<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (attempt >= 5 || !isRetryable(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 20));
      }
    }
  }

  create(creatorId: number, data: ContestData): Promise<ContestRow> {
    return this.prisma.contest.create({ data: { ...data, creatorId } });
  }

  update(id: number, data: Partial<ContestData> & { closedEarlyAt?: Date }): Promise<ContestRow> {
    return this.prisma.contest.update({ where: { id }, data });
  }

  findByIds(ids: readonly number[]): Promise<ContestRow[]> {
    return this.prisma.contest.findMany({ where: { id: { in: [...ids] } } });
  }

  /** Newest first; the status is matched against the windows at `now`, as the service derives it. */
  page(status: ContestStatusValue | undefined, now: Date, take: number, beforeId: number | undefined): Promise<ContestRow[]> {
    return this.prisma.contest.findMany({
      where: { AND: [statusWhere(status, now), beforeId === undefined ? {} : { id: { lt: beforeId } }] },
      orderBy: { id: 'desc' },
      take,
    });
  }

  count(status: ContestStatusValue | undefined, now: Date): Promise<number> {
    return this.prisma.contest.count({ where: statusWhere(status, now) });
  }

  /** Contests whose voting ended (by the clock or an admin) but whose results are not frozen yet. */
  async dueForFreezing(now: Date): Promise<number[]> {
    const rows = await this.prisma.contest.findMany({
      where: { resultsFrozenAt: null, OR: [{ votingCloseAt: { lte: now } }, { closedEarlyAt: { not: null } }] },
      select: { id: true },
    });
    return rows.map((row) => row.id);
  }

  entriesByIds(ids: readonly number[]): Promise<EntryRow[]> {
    return this.prisma.contestEntry.findMany({ where: { id: { in: [...ids] } } });
  }

  entriesPage(contestId: number, take: number, afterId: number | undefined): Promise<EntryRow[]> {
    return this.prisma.contestEntry.findMany({
      where: { contestId, ...(afterId === undefined ? {} : { id: { gt: afterId } }) },
      orderBy: { id: 'asc' },
      take,
    });
  }

  countEntries(contestId: number): Promise<number> {
    return this.prisma.contestEntry.count({ where: { contestId } });
  }

  /** Every entry's votes and version, the source the Redis leaderboard is rebuilt from. */
  async standings(contestId: number): Promise<Standing[]> {
    const rows = await this.prisma.contestEntry.findMany({ where: { contestId }, select: { id: true, votes: true, votesVersion: true } });
    return rows.map((row) => ({ entryId: row.id, votes: row.votes, version: row.votesVersion }));
  }

  /** Final standings (frozen rows only), best first. */
  frozenStandings(contestId: number, take?: number): Promise<EntryRow[]> {
    return this.prisma.contestEntry.findMany({ where: { contestId, finalRank: { not: null } }, orderBy: { finalRank: 'asc' }, take });
  }

  async stats(contestIds: readonly number[]): Promise<Map<number, { entries: number; voters: number; votes: number }>> {
    const ids = [...contestIds];
    const [entries, votes] = await Promise.all([
      this.prisma.contestEntry.groupBy({ by: ['contestId'], where: { contestId: { in: ids } }, _count: { _all: true } }),
      this.prisma.$queryRaw<{ contestId: number; voters: bigint | number; votes: bigint | number }[]>`
        SELECT contestId, COUNT(DISTINCT voterId) AS voters, COUNT(*) AS votes FROM contest_votes
        WHERE contestId IN (${Prisma.join(ids)}) GROUP BY contestId`,
    ]);
    const entryCounts = new Map(entries.map((row) => [row.contestId, row._count._all]));
    const voteCounts = new Map(votes.map((row) => [Number(row.contestId), { voters: Number(row.voters), votes: Number(row.votes) }]));
    return new Map(ids.map((id) => [id, { entries: entryCounts.get(id) ?? 0, ...(voteCounts.get(id) ?? { voters: 0, votes: 0 }) }]));
  }

  async votedBy(voterId: number, entryIds: readonly number[]): Promise<Set<number>> {
    const rows = await this.prisma.contestVote.findMany({ where: { voterId, entryId: { in: [...entryIds] } }, select: { entryId: true } });
    return new Set(rows.map((row) => row.entryId));
  }

  /**
   * Inserts an entry unless its author already has `limit` in the contest. The contest row is
   * locked for the check, so concurrent submissions by one person cannot both pass it; a taken
   * fingerprint is a DuplicateFingerprintError (the unique key decides, even under races).
   */
  async insertEntry(entry: { contestId: number; compositionId: number; authorId: number; fingerprint: string }, limit: number): Promise<EntryRow | null> {
    try {
      return await this.withRetry(() =>
        this.prisma.$transaction(async (tx) => {
          await tx.$queryRaw`SELECT id FROM contests WHERE id = ${entry.contestId} FOR UPDATE`;
          const existing = await tx.contestEntry.count({ where: { contestId: entry.contestId, authorId: entry.authorId } });
          if (existing >= limit) return null;
          return tx.contestEntry.create({ data: entry });
        }, TRANSACTION_OPTIONS),
      );
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw new DuplicateFingerprintError();
      throw error;
    }
  }

  async deleteEntry(id: number): Promise<void> {
    await this.prisma.contestEntry.deleteMany({ where: { id } });
  }

  /**
   * Casts (`cast`) or retracts a vote in one transaction. Lock order, the same for every vote so
   * no two can deadlock on each other: the contest row (shared; freezing takes it exclusively, so
   * no vote lands after results are frozen), the voter's ballot row (exclusive: one voter's votes
   * run one at a time, which makes the cap check exact), then the entry row (its counter and
   * version). Repeating a vote or retracting a missing one changes nothing.
   */
  vote({ entryId, voterId, ipHash, cast, isVotingOpen }: { entryId: number; voterId: number; ipHash: string; cast: boolean; isVotingOpen: (contest: ContestRow) => boolean }): Promise<VoteOutcome> {
    return this.withRetry(() =>
      this.prisma.$transaction(async (tx) => {
        const [target] = await tx.$queryRaw<{ contestId: number; authorId: number | null }[]>`
          SELECT contestId, authorId FROM contest_entries WHERE id = ${entryId}`;
        if (!target) throw new VoteRefusal('NO_ENTRY');
        const [contest] = await tx.$queryRaw<ContestRow[]>`SELECT * FROM contests WHERE id = ${target.contestId} LOCK IN SHARE MODE`;
        if (!isVotingOpen(contest)) throw new VoteRefusal('NOT_VOTING');
        if (cast && target.authorId === voterId) throw new VoteRefusal('OWN_ENTRY');
        await tx.$executeRaw`
          INSERT INTO contest_ballots (contestId, voterId, votesUsed, votesAllowed) VALUES (${contest.id}, ${voterId}, 0, ${contest.votesPerVoter})
          ON DUPLICATE KEY UPDATE votesAllowed = GREATEST(votesUsed, ${contest.votesPerVoter})`;
        const [ballot] = await tx.$queryRaw<{ votesUsed: number }[]>`
          SELECT votesUsed FROM contest_ballots WHERE contestId = ${contest.id} AND voterId = ${voterId} FOR UPDATE`;
        const existing = await tx.contestVote.count({ where: { entryId, voterId } });
        if (cast ? existing > 0 : existing === 0) {
          return { changed: false, entry: await tx.contestEntry.findUniqueOrThrow({ where: { id: entryId } }) };
        }
        if (cast && Number(ballot.votesUsed) >= contest.votesPerVoter) throw new VoteRefusal('CAP_REACHED');
        const delta = cast ? 1 : -1;
        const entry = await tx.contestEntry.update({ where: { id: entryId }, data: { votes: { increment: delta }, votesVersion: { increment: 1 } } });
        if (cast) await tx.contestVote.create({ data: { entryId, voterId, contestId: contest.id, entryAuthorId: target.authorId } });
        else await tx.contestVote.delete({ where: { entryId_voterId: { entryId, voterId } } });
        await tx.contestBallot.update({ where: { contestId_voterId: { contestId: contest.id, voterId } }, data: { votesUsed: { increment: delta } } });
        await tx.contestVoteEvent.create({ data: { contestId: contest.id, entryId, voterId, action: cast ? 'CAST' : 'RETRACT', ipHash } });
        return { changed: true, entry };
      }, TRANSACTION_OPTIONS),
    );
  }

  /**
   * Writes every entry's final rank (votes, then earlier submission) and marks the contest frozen,
   * once: the exclusive lock waits for votes in flight and makes a second caller see it done.
   * True when this call froze it.
   */
  freeze(contestId: number, now: Date): Promise<boolean> {
    return this.withRetry(() =>
      this.prisma.$transaction(async (tx) => {
        const [contest] = await tx.$queryRaw<{ resultsFrozenAt: Date | null }[]>`SELECT resultsFrozenAt FROM contests WHERE id = ${contestId} FOR UPDATE`;
        if (!contest || contest.resultsFrozenAt) return false;
        const entries = await tx.contestEntry.findMany({ where: { contestId }, orderBy: [{ votes: 'desc' }, { id: 'asc' }], select: { id: true, votes: true } });
        for (const [index, entry] of entries.entries()) {
          await tx.contestEntry.update({ where: { id: entry.id }, data: { finalRank: index + 1, finalVotes: entry.votes } });
        }
        await tx.contest.update({ where: { id: contestId }, data: { resultsFrozenAt: now } });
        return true;
      }, TRANSACTION_OPTIONS),
    );
  }
}

function statusWhere(status: ContestStatusValue | undefined, now: Date): Prisma.ContestWhereInput {
  switch (status) {
    case undefined:
      return {};
    case 'CLOSED':
      return { OR: [{ closedEarlyAt: { not: null } }, { votingCloseAt: { lte: now } }] };
    case 'VOTING':
      return { closedEarlyAt: null, votingOpenAt: { lte: now }, votingCloseAt: { gt: now } };
    case 'OPEN':
      return { closedEarlyAt: null, submissionsOpenAt: { lte: now }, votingOpenAt: { gt: now } };
    case 'DRAFT':
      return { closedEarlyAt: null, submissionsOpenAt: { gt: now } };
  }
}
