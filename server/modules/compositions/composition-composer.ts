import { ENGINE_VERSION, defaultThemeIdFor, encodeMidi, type Flight, type ScaleName, type Score, type Theme as EngineTheme } from '../../engine/music/index.js';
import { BadUserInputError } from '../../errors.js';
import type { NetworkService } from '../network/network.service.js';
import type { ThemeService } from '../themes/theme.service.js';
import type { Viewer } from '../users/tokens.js';
import { validateArguments } from '../shared/validation.js';
import { toSharpKey } from './compose-limits.js';
import type { ComposePool } from './compose-pool.js';
import { renderScore, scoreSummary, type ScoreSummary } from './compose-render.js';
import { composeOptionsOf, pieceRequestOf, type CompositionParameters, type PieceRequest } from './composition-parameters.js';
import { ComposeInput } from './composition.type.js';
import { defaultTitle, lazyRendering, memoize, PREVIEW_PREFIX, type CompositionView } from './composition-view.js';
import { buildFlight, flightRequestOf } from './flight-builder.js';
import { LruCache } from './lru-cache.js';

/**
 * Composing: a request becomes the parameters, flight and theme of a piece; previews are composed
 * on the worker pool and cached, addressed by a token that carries their parameters.
 */
export class CompositionComposer {
  /** Previews are pure functions of their parameters, so a small LRU serves repeated ones. */
  private readonly previews = new LruCache<string, CompositionView>(1_000);

  constructor(
    private readonly networks: NetworkService,
    private readonly themes: ThemeService,
    /** Composes previews off the main thread (on every core). */
    private readonly pool: ComposePool,
  ) {}

  async parametersOf(input: PieceRequest, viewer: Viewer | null): Promise<{ parameters: CompositionParameters; flight: Flight; theme: EngineTheme }> {
    const { flight, codes } = buildFlight(flightRequestOf(input), this.networks.network);
    const theme = await this.themes.resolve(input.theme ?? defaultThemeIdFor(flight), viewer);
    return {
      flight,
      theme,
      parameters: {
        kind: flight.kind,
        airports: codes,
        themeId: theme.id,
        keyRoot: input.keyRoot === undefined ? null : toSharpKey(input.keyRoot),
        scale: (input.scale as ScaleName | undefined) ?? null,
        tempoBpm: input.tempoBpm ?? null,
        durationSeconds: input.durationSeconds ?? null,
        variation: input.variation ?? 0,
        title: input.title?.trim() || null,
      },
    };
  }

  /**
   * A worker composes the piece and sends back its summary and MIDI; the score itself is composed
   * again here only when a client asks for notes, sections or chords (the engine is deterministic).
   * When the caller reads the score at once (a live piece), it is composed here, once, instead.
   */
  private async previewView(token: string, parameters: CompositionParameters, flight: Flight, theme: EngineTheme, scoreNeeded: boolean): Promise<CompositionView> {
    const request = { flight, options: composeOptionsOf(theme, parameters) };
    let rendered: { summary: ScoreSummary; midi: Uint8Array; score: () => Score };
    if (scoreNeeded) {
      const composed = renderScore(request);
      rendered = { summary: scoreSummary(composed), midi: encodeMidi(composed), score: () => composed };
    } else {
      const { summary, midi } = await this.pool.render(request);
      rendered = { summary, midi, score: memoize(() => renderScore(request)) };
    }
    const { summary, midi, score } = rendered;
    return {
      ref: PREVIEW_PREFIX + token,
      saved: false,
      title: parameters.title ?? defaultTitle(parameters.airports, theme),
      kind: parameters.kind,
      airports: parameters.airports,
      theme,
      ...summary,
      variation: parameters.variation,
      engineVersion: ENGINE_VERSION,
      createdAt: null,
      ownerId: null,
      visibility: 'PUBLIC',
      license: 'CC_BY_4_0',
      version: 0,
      playCount: 0,
      parentId: null,
      attribution: null,
      render: () => lazyRendering(score, midi),
    };
  }

  /** Starts the compose workers, so the first previews find them ready. */
  start(): void {
    this.pool.start();
  }

  dispose(): Promise<void> {
    return this.pool.dispose();
  }

  /** Checks the input (and access to a custom theme) every time; only the composing is cached. */
  async preview(input: PieceRequest, viewer: Viewer | null, { scoreNeeded = false }: { scoreNeeded?: boolean } = {}): Promise<CompositionView> {
    const { parameters, flight, theme } = await this.parametersOf(input, viewer);
    const token = Buffer.from(JSON.stringify(parameters)).toString('base64url');
    const cached = this.previews.get(token);
    if (cached) return cached;
    const view = await this.previewView(token, parameters, flight, theme, scoreNeeded);
    this.previews.set(token, view);
    return view;
  }

  /** The preview a token names; null for a token that is not one (tokens come from clients and may be forged). */
  async byToken(token: string, viewer: Viewer | null): Promise<CompositionView | null> {
    let parameters: CompositionParameters;
    try {
      parameters = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as CompositionParameters;
      if (!Array.isArray(parameters.airports) || parameters.airports.length < 2) return null;
    } catch {
      return null;
    }
    const input = Object.assign(new ComposeInput(), pieceRequestOf(parameters));
    try {
      // A token comes from a client and may be forged: it passes the same checks as an input.
      await validateArguments(input);
      return await this.preview(input, viewer);
    } catch (error) {
      if (error instanceof BadUserInputError) return null;
      throw error;
    }
  }
}
