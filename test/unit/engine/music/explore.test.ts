import { test } from 'vitest';
import { BUILT_IN_THEMES, compose } from '../../../../server/engine/music/index.js';
import { sampleFlights } from './fixtures.js';
import { melodyFigures } from './metrics.js';

test('explore', () => {
  const flights = sampleFlights();
  for (const theme of BUILT_IN_THEMES) {
    const agg = { minStep: 1, minEnt: 9, maxEnt: 0, minDistinct: 99, maxRun: 0, minInScale: 1, minLeap: 1, fails: 0, tonicFail: 0, scales: new Map<string, number>() };
    const failures: string[] = [];
    for (const { label, flight } of flights) {
      const score = compose(flight, { theme });
      const f = melodyFigures(score);
      agg.minStep = Math.min(agg.minStep, f.stepRatio);
      agg.minEnt = Math.min(agg.minEnt, f.entropyBits);
      agg.maxEnt = Math.max(agg.maxEnt, f.entropyBits);
      if (score.durationSeconds >= 30) agg.minDistinct = Math.min(agg.minDistinct, f.distinctPitches);
      agg.maxRun = Math.max(agg.maxRun, f.longestRun);
      agg.minInScale = Math.min(agg.minInScale, f.inScaleRatio);
      agg.minLeap = Math.min(agg.minLeap, f.leapRecoveryRatio);
      agg.scales.set(score.scale, (agg.scales.get(score.scale) ?? 0) + 1);
      const bad = f.stepRatio < 0.6 || f.entropyBits < 2 || f.entropyBits > 3.4 || (score.durationSeconds >= 30 && f.distinctPitches < 8) || !f.endsOnTonic || f.longestRun > 4;
      if (bad) failures.push(`${label} ${score.scale} ${score.durationSeconds.toFixed(0)}s n=${f.notes} step=${f.stepRatio.toFixed(2)} H=${f.entropyBits.toFixed(2)} d=${f.distinctPitches} tonic=${f.endsOnTonic} run=${f.longestRun}`);
    }
    console.log(theme.id, JSON.stringify({ ...agg, scales: [...agg.scales] }), failures.length, failures.slice(0, 6).join('\n'));
  }
});
