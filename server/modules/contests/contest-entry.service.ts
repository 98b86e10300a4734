import { createHash } from 'node:crypto';
import { BadUserInputError, DuplicateEntryError, ForbiddenError } from '../../errors.js';
import { actorOfUser } from '../analytics/analytics-event.js';
import type { AnalyticsEvents } from '../analytics/analytics-events.repo.js';
import { can as canPiece, DENIED } from '../compositions/composition.policy.js';
import type { CompositionService } from '../compositions/composition.service.js';
import type { NetworkService } from '../network/network.service.js';
import { keysetPage, type Page } from '../shared/paging.js';
import type { Viewer } from '../users/tokens.js';
import type { ContestScheduler } from './contest-scheduler.service.js';
import { acceptsEntries, requireContest, requireEntry, rulesOf, statusAt } from './contest.model.js';
import { DuplicateFingerprintError, type ContestRepo, type ContestRow, type EntryRow } from './contest.repo.js';

/** Entries: entering a piece under the contest's rules, withdrawing it, listing them. */
export class ContestEntryService {
  constructor(
    private readonly repo: ContestRepo,
    private readonly scheduler: ContestScheduler,
    private readonly compositions: CompositionService,
    private readonly networks: NetworkService,
    private readonly analytics: AnalyticsEvents,
  ) {}

  /**
   * Enters a piece: its owner only, while submissions are open, when it follows the rules. The
   * fingerprint is the SHA-256 of its MIDI bytes: the engine is deterministic, so equal bytes mean
   * someone already entered this very music (DUPLICATE_ENTRY).
   */
  async submit(contestId: number | null, compositionId: number | null, viewer: Viewer): Promise<EntryRow> {
    const contest = await requireContest(this.repo, contestId);
    if (!acceptsEntries(contest, new Date())) throw new ForbiddenError('This contest is not accepting entries now');
    const { row, piece } = await this.compositions.rowWithAccess(compositionId, viewer);
    if (!canPiece(viewer, 'enterContest', piece)) throw new ForbiddenError(DENIED.enterContest);
    if (row.visibility === 'PRIVATE') {
      throw new BadUserInputError('This piece is private: make it public or unlisted to enter it, so voters can listen to it');
    }
    const rules = rulesOf(contest);
    if (rules.allowedThemes.length > 0 && !rules.allowedThemes.includes(row.themeId)) {
      throw new BadUserInputError(`This contest takes pieces in these themes only: ${rules.allowedThemes.join(', ')}`);
    }
    const airports = row.airportCodes.split(' ').map((code) => this.networks.network.airportByCode(code));
    const required = contest.requiredAirport ? this.networks.network.airportByCode(contest.requiredAirport) : undefined;
    if (contest.requiredAirport && !airports.some((airport) => airport && airport.id === required?.id)) {
      throw new BadUserInputError(`Entries must touch ${contest.requiredAirport}`);
    }
    if (contest.requiredCountry && !airports.some((airport) => airport?.country.toLowerCase() === contest.requiredCountry!.toLowerCase())) {
      throw new BadUserInputError(`Entries must touch an airport in ${contest.requiredCountry}`);
    }
    const fingerprint = createHash('sha256').update(row.midi).digest('hex');
    let entry: EntryRow | null;
    try {
      entry = await this.repo.insertEntry({ contestId: contest.id, compositionId: row.id, authorId: viewer.id, fingerprint }, contest.entriesPerPerson);
    } catch (error) {
      if (error instanceof DuplicateFingerprintError) {
        throw new DuplicateEntryError('The same music is already entered in this contest: change the theme, key, tempo or variation to make it yours');
      }
      throw error;
    }
    if (!entry) throw new ForbiddenError(`You have entered ${contest.entriesPerPerson} piece(s), the most this contest allows`);
    await this.scheduler.track(contest.id, { entryId: entry.id, votes: 0, version: 0 });
    this.analytics.record({ kind: 'CONTEST_ENTRY', actor: actorOfUser(viewer.id), contestId: contest.id, entryId: entry.id, compositionId: row.id, themeId: row.themeId });
    return entry;
  }

  async withdraw(entryId: number | null, viewer: Viewer): Promise<void> {
    const entry = await requireEntry(this.repo, entryId);
    if (entry.authorId !== viewer.id) throw new ForbiddenError('Only its author can withdraw an entry');
    const [contest] = await this.repo.findByIds([entry.contestId]);
    if (statusAt(contest, new Date()) !== 'OPEN') throw new ForbiddenError('Entries can be withdrawn only while the contest is open');
    await this.repo.deleteEntry(entry.id);
    await this.scheduler.untrack(contest.id, entry.id);
  }

  async page(contest: ContestRow, args: { first?: number; after?: string }): Promise<Page<EntryRow>> {
    return keysetPage(
      args,
      (take, after) => this.repo.entriesPage(contest.id, take, after),
      () => this.repo.countEntries(contest.id),
    );
  }

  /** The votes an entry has: the frozen count once results are final. */
  votesOf(entry: EntryRow): number {
    return entry.finalVotes ?? entry.votes;
  }
}
