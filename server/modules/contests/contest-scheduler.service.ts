import type { PubSub } from '@graphql-yoga/subscription';
import type { Logger } from '../../logger.js';
import { statusAt } from './contest.model.js';
import type { ContestRepo, ContestRow, Standing } from './contest.repo.js';
import { LEADERBOARD_CHANGED, type ContestTopics, type LeaderboardChangedEvent } from './contest.topics.js';
import type { LeaderboardCache } from './leaderboard.repo.js';
import type { LeaderboardService } from './leaderboard.service.js';

/** Pushes per contest are coalesced: the first change opens a window, one push ends it. */
const PUSH_WINDOW_MS = 250;
/** How often each instance looks for contests whose voting ended, to freeze and announce them. */
const FREEZE_SWEEP_MS = 5_000;
export const LIVE_TOP = 10;
export const PODIUM = 3;

/**
 * What happens on the clock: leaderboard pushes coalesced per window across instances, and the
 * freezing (and announcing) of results once voting ends, by a periodic sweep or the first read.
 */
export class ContestScheduler {
  private readonly pendingPushes = new Map<number, NodeJS.Timeout>();
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    private readonly repo: ContestRepo,
    private readonly board: LeaderboardCache,
    private readonly leaderboard: LeaderboardService,
    private readonly events: PubSub<ContestTopics>,
    private readonly logger: Logger,
  ) {}

  /** Freezes contests whose voting ended even when nobody reads them, so winners get announced. */
  start(): void {
    this.sweeper = setInterval(() => {
      this.freezeDue().catch((error: unknown) => this.logger.error({ err: error }, 'freezing contest results failed'));
    }, FREEZE_SWEEP_MS);
    this.sweeper.unref();
  }

  dispose(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    for (const timer of this.pendingPushes.values()) clearTimeout(timer);
    this.pendingPushes.clear();
  }

  private async freezeDue(): Promise<void> {
    for (const id of await this.repo.dueForFreezing(new Date())) await this.freeze(id);
  }

  /** Mirrors a committed change into the Redis board and schedules a push; Redis trouble never fails the vote. */
  async track(contestId: number, standing: Standing): Promise<void> {
    try {
      await this.board.update(contestId, standing);
    } catch (error) {
      this.logger.warn({ err: error, contestId }, 'leaderboard cache not updated; it is rebuilt when read');
    }
    this.schedulePush(contestId);
  }

  /** Takes a withdrawn entry off the Redis board and schedules a push. */
  async untrack(contestId: number, entryId: number): Promise<void> {
    await this.board.remove(contestId, entryId).catch((error: unknown) => this.logger.warn({ err: error }, 'leaderboard cache not updated'));
    this.schedulePush(contestId);
  }

  /**
   * At most one push per contest per window across all instances: the first change claims the
   * window in Redis and pushes when it ends, reading the board then, so changes made during the
   * window (on any instance) are in that push.
   */
  private schedulePush(contestId: number): void {
    if (this.pendingPushes.has(contestId)) return;
    const timer = setTimeout(() => {
      this.pendingPushes.delete(contestId);
      this.pushLive(contestId).catch((error: unknown) => this.logger.warn({ err: error, contestId }, 'leaderboard push failed'));
    }, PUSH_WINDOW_MS + 50);
    timer.unref();
    this.pendingPushes.set(contestId, timer);
    this.board
      .claimPush(contestId, PUSH_WINDOW_MS)
      .catch(() => true)
      .then((claimed) => {
        if (claimed) return;
        clearTimeout(timer);
        this.pendingPushes.delete(contestId);
      });
  }

  private async pushLive(contestId: number): Promise<void> {
    const [contest] = await this.repo.findByIds([contestId]);
    if (!contest || contest.resultsFrozenAt) return;
    this.events.publish(LEADERBOARD_CHANGED, contestId, { contestId, final: false, top: await this.leaderboard.liveTop(contest, LIVE_TOP), winners: [] });
  }

  /** Freezes a contest that closed but is not frozen yet (the first read after closing does it). */
  async settled(contest: ContestRow): Promise<ContestRow> {
    if (contest.resultsFrozenAt || statusAt(contest, new Date()) !== 'CLOSED') return contest;
    await this.freeze(contest.id);
    return (await this.repo.findByIds([contest.id]))[0];
  }

  async freeze(contestId: number): Promise<void> {
    if (!(await this.repo.freeze(contestId, new Date()))) return;
    const standings = await this.leaderboard.frozenPlacings(contestId);
    this.logger.info({ contestId, entries: standings.length }, 'contest results frozen');
    await this.board.drop(contestId).catch(() => undefined);
    const event: LeaderboardChangedEvent = { contestId, final: true, top: standings.slice(0, LIVE_TOP), winners: standings.slice(0, PODIUM) };
    this.events.publish(LEADERBOARD_CHANGED, contestId, event);
  }
}
