import { describe, expect, it } from 'vitest';
import { composeOptionsOf, pieceRequestOf, parametersOfRow, type StoredPiece } from '../../../../server/modules/compositions/composition-parameters.js';
import type { Theme } from '../../../../server/engine/music/index.js';

const row: StoredPiece = {
  kind: 'PATH',
  airportCodes: 'JFK ORD LAX',
  themeId: 'jazz',
  title: 'Across',
  requestedKeyRoot: 'F#',
  requestedScale: null,
  requestedTempoBpm: 96,
  requestedDurationSeconds: null,
  variation: 2,
};

describe('composition parameters', () => {
  it('reads the choices a row stores, keeping the ones left to the engine null', () => {
    expect(parametersOfRow(row)).toEqual({
      kind: 'PATH',
      airports: ['JFK', 'ORD', 'LAX'],
      themeId: 'jazz',
      title: 'Across',
      keyRoot: 'F#',
      scale: null,
      tempoBpm: 96,
      durationSeconds: null,
      variation: 2,
    });
  });

  it('gives the engine only the choices that were made', () => {
    const theme = { id: 'jazz' } as Theme;
    expect(composeOptionsOf(theme, parametersOfRow(row))).toEqual({ theme, keyRoot: 'F#', scale: undefined, tempoBpm: 96, durationSeconds: undefined, variation: 2 });
  });

  it('turns parameters back into the request that makes the same piece, for each kind of flight', () => {
    expect(pieceRequestOf(parametersOfRow(row))).toEqual({
      path: ['JFK', 'ORD', 'LAX'],
      theme: 'jazz',
      keyRoot: 'F#',
      scale: undefined,
      tempoBpm: 96,
      durationSeconds: undefined,
      variation: 2,
      title: 'Across',
    });
    expect(pieceRequestOf(parametersOfRow({ ...row, kind: 'ROUTE', airportCodes: 'JFK LAX' }))).toMatchObject({ route: { from: 'JFK', to: 'LAX' } });
    expect(pieceRequestOf(parametersOfRow({ ...row, kind: 'JOURNEY' }))).toMatchObject({ journey: ['JFK', 'ORD', 'LAX'] });
  });
});
