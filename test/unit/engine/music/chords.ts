/** Reads chord symbols back into pitch classes, independently of the engine's chord tables. */
const LETTERS: Record<string, number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };
const SUFFIXES: Record<string, number[]> = {
  '': [0, 4, 7],
  m: [0, 3, 7],
  dim: [0, 3, 6],
  aug: [0, 4, 8],
  '7': [0, 4, 7, 10],
  maj7: [0, 4, 7, 11],
  m7: [0, 3, 7, 10],
  m7b5: [0, 3, 6, 10],
  dim7: [0, 3, 6, 9],
};

/** Root first. */
export function chordPitchClasses(symbol: string): number[] {
  const match = /^([A-G])([#b]?)(.*)$/.exec(symbol);
  if (!match || !(match[3] in SUFFIXES)) throw new Error(`unreadable chord symbol ${symbol}`);
  const root = (LETTERS[match[1]] + (match[2] === '#' ? 1 : match[2] === 'b' ? 11 : 0)) % 12;
  return SUFFIXES[match[3]].map((interval) => (root + interval) % 12);
}
