import { test } from 'vitest';
import { compose, themeById } from '../../../../server/engine/music/index.js';
import { flightThrough } from './fixtures.js';
import { melodyOf } from './metrics.js';

test('explore2', () => {
  for (const [codes, themeId] of [[['MFM', 'HKG'], 'classical'], [['LIM', 'LPB'], 'ambient'], [['VDS', 'LYR'], 'cinematic']] as const) {
    const score = compose(flightThrough(codes, 'ROUTE'), { theme: themeById(themeId)! });
    console.log(codes.join('>'), themeId, score.tempoBpm, score.keyRoot, score.scale, score.sections.map((s) => `${s.name}:${s.keyRoot}:${s.bars}`).join(' '));
    console.log(score.chords.map((c) => c.symbol).join(' '));
    const mel = melodyOf(score);
    let line = '';
    let bar = -1;
    for (const n of mel) {
      const b = Math.floor(n.startTicks / 1920);
      if (b !== bar) { line += ' |'; bar = b; }
      line += ' ' + n.pitch + ((n.startTicks % 960) < 30 ? '*' : '');
    }
    console.log(line);
  }
});
