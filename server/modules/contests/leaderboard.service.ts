import type { Logger } from '../../logger.js';
import type { ContestRepo, ContestRow, Standing } from './contest.repo.js';
import type { Placing } from './contest.topics.js';
import type { LeaderboardCache } from './leaderboard.repo.js';

const ranked = (standings: Standing[]): Placing[] => [...standings].sort((a, b) => b.votes - a.votes || a.entryId - b.entryId).map((s, i) => ({ rank: i + 1, votes: s.votes, entryId: s.entryId }));

/** Reads rankings: the live one from the Redis board (repaired from MariaDB), the frozen one from MariaDB. */
export class LeaderboardService {
  constructor(
    private readonly repo: ContestRepo,
    private readonly board: LeaderboardCache,
    private readonly logger: Logger,
  ) {}

  /**
   * The live ranking from Redis, checked against MariaDB: when the board is missing, holds a
   * different number of entries, or any entry it returns is at an older version than the database
   * row, it is rebuilt from the database, and the database's ranking is the answer.
   */
  async liveTop(contest: ContestRow, count: number): Promise<Placing[]> {
    const fromDatabase = async () => {
      const standings = await this.repo.standings(contest.id);
      await this.board.rebuild(contest.id, standings).catch((error: unknown) => this.logger.warn({ err: error }, 'leaderboard rebuild failed'));
      return ranked(standings).slice(0, count);
    };
    let slice;
    try {
      slice = await this.board.top(contest.id, count);
    } catch (error) {
      this.logger.warn({ err: error }, 'leaderboard cache unavailable; ranking from the database');
      return ranked(await this.repo.standings(contest.id)).slice(0, count);
    }
    if (!slice) return fromDatabase();
    const [rows, total] = await Promise.all([this.repo.entriesByIds(slice.top.map((s) => s.entryId)), this.repo.countEntries(contest.id)]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    const consistent =
      slice.size === total &&
      slice.top.every((s) => {
        const row = byId.get(s.entryId);
        return row !== undefined && row.votesVersion === s.version && row.votes === s.votes;
      });
    if (!consistent) return fromDatabase();
    return slice.top.map((s, i) => ({ rank: i + 1, votes: s.votes, entryId: s.entryId }));
  }

  async frozenPlacings(contestId: number, count?: number): Promise<Placing[]> {
    const rows = await this.repo.frozenStandings(contestId, count);
    return rows.map((row) => ({ rank: row.finalRank!, votes: row.finalVotes!, entryId: row.id }));
  }
}
