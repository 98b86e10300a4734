import { keysetPage, type Page } from '../shared/paging.js';
import type { AirlineRepo, AirlineRow } from './airline.repo.js';

export class AirlineService {
  constructor(private readonly repo: AirlineRepo) {}

  byCode(code: string): Promise<AirlineRow | null> {
    return this.repo.findByCode(code.toUpperCase());
  }

  async page(args: { first?: number; after?: string }): Promise<Page<AirlineRow>> {
    return keysetPage(
      args,
      (take, afterId) => this.repo.page(take, afterId),
      () => this.repo.count(),
    );
  }
}
