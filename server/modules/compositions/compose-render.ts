import { compose, encodeMidi, type ComposeOptions, type Flight, type Score } from '../../engine/music/index.js';

/** Everything the engine needs for one piece; plain data, so it crosses to a worker thread as is. */
export interface ComposeRequest {
  flight: Flight;
  options: ComposeOptions;
}

/** The score's headline values, as clients see them on a Composition. */
export interface ScoreSummary {
  tempoBpm: number;
  keyRoot: string;
  scale: string;
  timeSignature: string;
  durationSeconds: number;
  seed: string;
}

export type ComposeReply = { id: number } & ({ summary: ScoreSummary; midi: Uint8Array } | { error: string });

export function scoreSummary(score: Score): ScoreSummary {
  return {
    tempoBpm: score.tempoBpm,
    keyRoot: score.keyRoot,
    scale: score.scale,
    timeSignature: `${score.timeSignature[0]}/${score.timeSignature[1]}`,
    durationSeconds: score.durationSeconds,
    seed: String(score.seed),
  };
}

export function renderScore({ flight, options }: ComposeRequest): Score {
  return compose(flight, options);
}

/** What a preview needs right away; the full score is composed again only if a client asks for it. */
export function renderSummary(request: ComposeRequest): { summary: ScoreSummary; midi: Uint8Array } {
  const score = renderScore(request);
  return { summary: scoreSummary(score), midi: encodeMidi(score) };
}
