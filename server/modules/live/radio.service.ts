import { randomUUID } from 'node:crypto';
import type { PubSub } from '@graphql-yoga/subscription';
import { departureAt, firstWindowFrom } from '../../engine/live/schedule.js';
import { BadUserInputError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { CompositionService } from '../compositions/composition.service.js';
import type { NetworkService } from '../network/network.service.js';
import { batchOf, playWindows, preparePiece, type LiveSettings, type PreparedPiece } from './live-playback.js';
import { RADIO_TOPIC, type LiveBatchPayload, type RadioTopics } from './live.topics.js';
import type { RadioRepo } from './radio.repo.js';

/** Radio's per-channel bookkeeping on this instance. */
interface ChannelRun {
  listeners: number;
  holder: boolean;
  /** Until when the lease surely is ours (counted from before the request that took or renewed it). */
  leaseUntil: number;
  heartbeat: NodeJS.Timeout;
  stopPlayer: () => void;
}

/**
 * Departures radio: channels with exactly one generator in the cluster each (a Redis lease), fanned
 * out to every instance's listeners through Redis pub/sub.
 */
export class RadioService {
  private readonly channels = new Map<string, ChannelRun>();
  private readonly instance = randomUUID();

  constructor(
    private readonly compositions: CompositionService,
    private readonly networks: NetworkService,
    private readonly radio: RadioRepo,
    private readonly events: PubSub<RadioTopics>,
    private readonly settings: LiveSettings,
    private readonly logger: Logger,
  ) {}

  /** The airport a channel is named after, by its canonical code; refused unless it has departures. */
  private channelCode(channel: string): string {
    const airport = this.networks.network.airportByCode(channel.trim());
    const code = airport ? (airport.iata ?? airport.icao) : null;
    if (!airport || !code || !this.networks.network.routes.some((route) => route.originId === airport.id)) {
      throw new BadUserInputError(`channel: "${channel}" is not an airport with departures`, { argument: 'channel' });
    }
    return code;
  }

  /**
   * The channel's windows as they are published. No queue of its own: thousands of listeners share
   * one Redis subscription per instance, and each listener costs only its pub/sub iterator.
   */
  async radioStream(channel: string): Promise<AsyncIterable<LiveBatchPayload>> {
    const code = this.channelCode(channel);
    const source = this.events.subscribe(RADIO_TOPIC, code)[Symbol.asyncIterator]();
    this.join(code);
    let left = false;
    const leave = () => {
      if (left) return;
      left = true;
      this.leave(code);
    };
    const stream: AsyncIterableIterator<LiveBatchPayload> = {
      [Symbol.asyncIterator]: () => stream,
      next: () => source.next(),
      return: async () => {
        leave();
        await source.return?.();
        return { done: true, value: undefined };
      },
      throw: async (error: unknown) => {
        leave();
        await source.return?.();
        throw error;
      },
    };
    return stream;
  }

  /** Channels with listeners anywhere in the cluster, busiest first. */
  async activeChannels(): Promise<{ channel: string; listeners: number; nowPlaying: string | null }[]> {
    const counts = await this.radio.listenerCounts(Date.now());
    const channels = await Promise.all([...counts].map(async ([channel, listeners]) => ({ channel, listeners, nowPlaying: (await this.radio.state(channel))?.title ?? null })));
    return channels.sort((a, b) => b.listeners - a.listeners || a.channel.localeCompare(b.channel));
  }

  /** Stops every generator this instance runs and hands its leases back, so another instance takes over at once. */
  async dispose(): Promise<void> {
    await Promise.all([...this.channels.keys()].map((code) => this.stopChannel(code)));
  }

  private get heartbeatMs(): number {
    return Math.min(1_000, Math.floor(this.settings.radioLeaseMs / 3));
  }

  private join(code: string): void {
    const run = this.channels.get(code);
    if (run) {
      run.listeners++;
      return;
    }
    const created: ChannelRun = { listeners: 1, holder: false, leaseUntil: 0, stopPlayer: () => undefined, heartbeat: setInterval(() => void this.beat(code, created), this.heartbeatMs) };
    this.channels.set(code, created);
    void this.beat(code, created);
  }

  private leave(code: string): void {
    const run = this.channels.get(code);
    if (run && --run.listeners === 0) void this.stopChannel(code);
  }

  private async stopChannel(code: string): Promise<void> {
    const run = this.channels.get(code);
    if (!run) return;
    this.channels.delete(code);
    clearInterval(run.heartbeat);
    run.stopPlayer();
    try {
      if (run.holder) await this.radio.release(code, this.instance);
      await this.radio.reportListeners(code, this.instance, 0, 0);
    } catch (error) {
      this.logger.warn({ err: error, channel: code }, 'radio: could not hand the channel back');
    }
  }

  /** Reports this instance's listeners, renews the lease when holding it, else tries to take it. */
  private async beat(code: string, run: ChannelRun): Promise<void> {
    const { radioLeaseMs } = this.settings;
    try {
      // The holder renews before anything else: under load, each round trip it waits for first
      // eats into the lease.
      const asked = Date.now();
      const renewed = run.holder ? this.radio.renew(code, this.instance, radioLeaseMs) : null;
      // Awaited below; a failure then lands in this catch like any other.
      renewed?.catch(() => undefined);
      await this.radio.reportListeners(code, this.instance, run.listeners, Date.now() + 3 * this.heartbeatMs);
      if (this.channels.get(code) !== run) return;
      if (renewed) {
        if (await renewed) {
          run.leaseUntil = asked + radioLeaseMs;
          return;
        }
        this.logger.warn({ channel: code }, 'radio: lost the channel lease');
        run.holder = false;
        run.stopPlayer();
      } else if (await this.radio.acquire(code, this.instance, radioLeaseMs)) {
        if (this.channels.get(code) !== run) {
          await this.radio.release(code, this.instance);
          return;
        }
        run.holder = true;
        run.leaseUntil = asked + radioLeaseMs;
        await this.resume(code, run).catch((error: unknown) => this.abandon(code, run, error));
      }
    } catch (error) {
      this.logger.warn({ err: error, channel: code }, 'radio: heartbeat failed');
    }
  }

  /**
   * Generating failed on a Redis error (reading or saving where the channel is): stop and give
   * the lease up, so the next heartbeat here or on another instance picks the channel up again
   * where its saved state says, instead of holding a lease over a silent channel.
   */
  private async abandon(code: string, run: ChannelRun, error: unknown): Promise<void> {
    this.logger.warn({ err: error, channel: code }, 'radio: generating failed; handing the channel back');
    run.holder = false;
    run.stopPlayer();
    await this.radio.release(code, this.instance).catch(() => undefined);
  }

  /** A new holder continues where the channel is: inside the current piece, or with the next one. */
  private async resume(code: string, run: ChannelRun): Promise<void> {
    const state = await this.radio.state(code);
    const now = Date.now();
    if (state && now < state.startsAt + state.durationSeconds * 1_000) await this.playTurn(code, run, state.turn, state.startsAt, false);
    else {
      const afterLast = state ? state.startsAt + state.durationSeconds * 1_000 : 0;
      await this.playTurn(code, run, state ? state.turn + 1 : 0, Math.max(now + this.settings.lookaheadMs, afterLast), true);
    }
  }

  private async radioPiece(code: string, turn: number, startsAt: number): Promise<PreparedPiece> {
    const network = this.networks.network;
    const origin = network.airportByCode(code)!;
    const departures = network.routes
      .filter((route) => route.originId === origin.id)
      .map((route) => {
        const destination = network.airportById(route.destinationId)!;
        return { destination: destination.iata ?? destination.icao ?? String(destination.id) };
      });
    const { destination } = departureAt(departures, turn)!;
    const input = { route: { from: code, to: destination }, durationSeconds: this.settings.radioPieceSeconds ?? undefined };
    return preparePiece(await this.compositions.composer.preview(input, null), startsAt, this.settings.windowMs);
  }

  private async playTurn(code: string, run: ChannelRun, turn: number, startsAt: number, isNew: boolean): Promise<void> {
    let prepared: PreparedPiece;
    try {
      prepared = await this.radioPiece(code, turn, startsAt);
    } catch (error) {
      // One route the engine cannot compose must not silence the channel: skip to the next departure.
      this.logger.error({ err: error, channel: code, turn }, 'radio: composing a departure failed');
      if (run.holder && this.channels.get(code) === run) await this.playTurn(code, run, turn + 1, startsAt, true);
      return;
    }
    if (!run.holder || this.channels.get(code) !== run) return;
    const { piece, windows } = prepared;
    if (isNew) {
      await this.radio.saveState(code, { turn, destination: piece.airports.at(-1)!, startsAt, durationSeconds: piece.durationSeconds, title: piece.title });
    }
    const { lookaheadMs } = this.settings;
    const from = firstWindowFrom(windows, (Date.now() - startsAt) / 1_000, lookaheadMs / 1_000);
    run.stopPlayer = playWindows(
      windows,
      from,
      startsAt,
      lookaheadMs,
      (window) => {
        // A holder whose event loop stalled past its lease may have been replaced: stay silent
        // rather than play over the new holder until the next heartbeat finds out.
        if (Date.now() < run.leaseUntil) this.events.publish(RADIO_TOPIC, code, batchOf(prepared, window, turn, lookaheadMs));
      },
      () => void this.playTurn(code, run, turn + 1, startsAt + piece.durationSeconds * 1_000, true).catch((error: unknown) => this.abandon(code, run, error)),
    );
  }
}
