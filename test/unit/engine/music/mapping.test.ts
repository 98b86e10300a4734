import { describe, expect, test } from 'vitest';
import { compose, themeById, type Theme } from '../../../../server/engine/music/index.js';
import { flightThrough } from './fixtures.js';
import { melodyFigures } from './metrics.js';

const jazz = themeById('jazz')!;
const withMapping = (mapping: Theme['mapping']): Theme => ({ ...jazz, id: 'custom-test', mapping });

describe('a theme chooses which flight feature drives key, tempo and mode', () => {
  test('the defaults are heading, distance and latitude: spelling them out changes nothing', () => {
    const flight = flightThrough(['JFK', 'LAX'], 'ROUTE');
    const implicit = compose(flight, { theme: { ...jazz, id: 'custom-test' } });
    const explicit = compose(flight, { theme: withMapping({ key: 'HEADING', tempo: 'DISTANCE', mode: 'LATITUDE' }) });
    expect(explicit).toEqual(implicit);
  });

  test('key by latitude: two routes with opposite headings at one latitude share a key', () => {
    const theme = withMapping({ key: 'LATITUDE', tempo: 'DISTANCE', mode: 'LATITUDE' });
    const east = compose(flightThrough(['JFK', 'LHR'], 'ROUTE'), { theme });
    const west = compose(flightThrough(['LHR', 'JFK'], 'ROUTE'), { theme });
    expect(east.keyRoot).toBe(west.keyRoot);
    const byHeading = withMapping({ key: 'HEADING', tempo: 'DISTANCE', mode: 'LATITUDE' });
    expect(compose(flightThrough(['JFK', 'LHR'], 'ROUTE'), { theme: byHeading }).keyRoot).not.toBe(compose(flightThrough(['LHR', 'JFK'], 'ROUTE'), { theme: byHeading }).keyRoot);
  });

  test('tempo by hub size: the route between busy hubs is faster than one between small strips', () => {
    const byHubs = withMapping({ key: 'HEADING', tempo: 'HUB_SIZE', mode: 'LATITUDE' });
    const busy = compose(flightThrough(['FRA', 'CDG'], 'ROUTE'), { theme: byHubs });
    const quiet = compose(flightThrough(['VDS', 'LYR'], 'ROUTE'), { theme: byHubs });
    expect(busy.tempoBpm).toBeGreaterThan(quiet.tempoBpm);
  });

  test('custom mappings keep the musical figures', () => {
    for (const mapping of [
      { key: 'LONGITUDE', tempo: 'ALTITUDE', mode: 'HEADING' },
      { key: 'LATITUDE', tempo: 'HUB_SIZE', mode: 'HEADING' },
    ] as const) {
      const figures = melodyFigures(compose(flightThrough(['SYD', 'LAX'], 'ROUTE'), { theme: withMapping(mapping) }));
      expect(figures.inScaleRatio).toBeGreaterThanOrEqual(0.95);
      expect(figures.stepRatio).toBeGreaterThanOrEqual(0.6);
      expect(figures.endsOnTonic).toBe(true);
    }
  });
});
