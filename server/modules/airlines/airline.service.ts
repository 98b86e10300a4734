import { decodeCursor, toPage, type Page } from '../../graphql/relay.js';
import { DEFAULT_PAGE_SIZE } from '../airports/airport.service.js';
import type { AirlineRepo, AirlineRow } from './airline.repo.js';

export class AirlineService {
  constructor(private readonly repo: AirlineRepo) {}

  byCode(code: string): Promise<AirlineRow | null> {
    return this.repo.findByCode(code.toUpperCase());
  }

  async page(args: { first?: number; after?: string }): Promise<Page<AirlineRow>> {
    const first = args.first ?? DEFAULT_PAGE_SIZE;
    const afterId = decodeCursor(args.after);
    const rows = await this.repo.page(first + 1, afterId);
    return toPage(rows, first, afterId, () => this.repo.count());
  }
}
