import { test } from 'vitest';
import { BUILT_IN_THEMES, SCALE_NAMES, compose } from '../../../../server/engine/music/index.js';
import { sampleFlights } from './fixtures.js';
import { melodyFigures } from './metrics.js';

test('sweep', () => {
  const flights = sampleFlights().filter((_, i) => i % 4 === 0);
  const fails: string[] = [];
  let n = 0;
  for (const theme of BUILT_IN_THEMES) for (const scale of SCALE_NAMES) for (const { label, flight } of flights) for (const variation of [0, 5]) for (const durationSeconds of [undefined, 30, 150]) {
    const score = compose(flight, { theme, scale, variation, durationSeconds });
    const f = melodyFigures(score);
    n++;
    const bad = f.inScaleRatio < 0.95 || f.stepRatio < 0.6 || f.entropyBits < 2 || f.entropyBits > 3.4 || (score.durationSeconds >= 30 && f.distinctPitches < 8) || !f.endsOnTonic || f.longestRun > 4;
    if (bad) fails.push(`${theme.id} ${scale} ${label} v${variation} ${score.durationSeconds.toFixed(0)}s step=${f.stepRatio.toFixed(2)} H=${f.entropyBits.toFixed(2)} d=${f.distinctPitches}`);
  }
  console.log(n, fails.length, fails.slice(0, 30).join('\n'));
});
