import { keysetPage, type Page } from '../shared/paging.js';
import { BadUserInputError } from '../../errors.js';
import type { NetworkService } from '../network/network.service.js';
import type { AirportRepo, AirportRow } from './airport.repo.js';

/** The defaults the schema declares, applied again when a client sends an explicit null. */
export const DEFAULT_SEARCH_RESULTS = 10;

export class AirportService {
  constructor(
    private readonly networks: NetworkService,
    private readonly repo: AirportRepo,
  ) {}

  byCode(code: string): AirportRow | null {
    return this.networks.network.airportByCode(code) ?? null;
  }

  /** For arguments that must name a known airport: an unknown code is the caller's mistake. */
  requireByCode(code: string, argument: string): AirportRow {
    const airport = this.byCode(code);
    if (!airport) throw new BadUserInputError(`${argument}: no airport has the code "${code.toUpperCase()}"`, { argument });
    return airport;
  }

  search(query: string, first: number | null): AirportRow[] {
    return this.networks.network.searchAirports(query, first ?? DEFAULT_SEARCH_RESULTS);
  }

  async page(args: { first?: number; after?: string; country?: string }): Promise<Page<AirportRow>> {
    return keysetPage(
      args,
      (take, afterId) => this.repo.page(take, afterId, args.country),
      () => this.repo.count(args.country),
    );
  }
}
