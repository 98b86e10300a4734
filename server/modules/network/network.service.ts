import { ServiceUnavailableError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { FlightNetwork } from './flight-network.js';
import type { NetworkRows } from './network.repo.js';

/** Holds the current in-memory network; `reload` swaps in a new one after an import. */
export class NetworkService {
  private current: FlightNetwork | null = null;

  constructor(
    private readonly loadRows: () => Promise<NetworkRows>,
    private readonly logger: Logger,
  ) {}

  async reload(): Promise<FlightNetwork> {
    const startedAt = performance.now();
    const network = new FlightNetwork(await this.loadRows());
    this.current = network;
    this.logger.info({ airports: network.airportCount, routes: network.routeCount, ms: Math.round(performance.now() - startedAt) }, 'flight network loaded');
    return network;
  }

  /** True once a network holding imported data is in memory. */
  get ready(): boolean {
    return this.current !== null && this.current.importId !== null;
  }

  get network(): FlightNetwork {
    if (!this.current) throw new ServiceUnavailableError('The flight network is still loading; try again in a moment');
    return this.current;
  }
}
