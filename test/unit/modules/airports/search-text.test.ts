import { describe, expect, it } from 'vitest';
import { foldForSearch } from '../../../../server/modules/airports/search-text.js';

describe('foldForSearch', () => {
  it.each([
    ['Zürich', 'zurich'],
    ['Łódź', 'lodz'],
    ['São Paulo', 'sao paulo'],
    ['Straße', 'strasse'],
    ['Ærø', 'aero'],
    ['Œuvre', 'oeuvre'],
    ['Tromsø', 'tromso'],
    ['Đà Nẵng', 'da nang'],
    ['Þórshöfn', 'thorshofn'],
    ['Reykjavík', 'reykjavik'],
    ['Kraków', 'krakow'],
    ['Malé', 'male'],
    ['Ağrı', 'agri'],
    ['Besançon', 'besancon'],
  ])('folds %s to %s', (input, expected) => {
    expect(foldForSearch(input)).toBe(expected);
  });

  it('lower-cases ASCII and keeps digits', () => {
    expect(foldForSearch('JFK KJFK John F Kennedy Intl 2')).toBe('jfk kjfk john f kennedy intl 2');
  });

  it('collapses runs of punctuation and spaces into single spaces', () => {
    expect(foldForSearch('Magdeburg "City" Airport')).toBe('magdeburg city airport');
    expect(foldForSearch('Zürich,  Kloten -- (ZRH)/LSZH')).toBe('zurich kloten zrh lszh');
    expect(foldForSearch("St. John's\tInt'l\nAirport")).toBe('st john s int l airport');
  });

  it('trims leading and trailing separators', () => {
    expect(foldForSearch('  ...Łódź!!  ')).toBe('lodz');
    expect(foldForSearch(' - ')).toBe('');
    expect(foldForSearch('')).toBe('');
  });

  it('keeps letters of non-Latin scripts', () => {
    expect(foldForSearch('東京 (成田)')).toBe('東京 成田');
    expect(foldForSearch('Москва-Шереметьево')).toBe('москва шереметьево');
  });

  it('lets a plain ASCII query find an accented name', () => {
    const folded = foldForSearch('EPLL Łódź Władysław Reymont Airport Łódź Poland');
    expect(folded).toContain(foldForSearch('lodz'));
    expect(folded).toContain('wladyslaw');
  });

  it('is idempotent', () => {
    for (const text of ['Zürich, Kloten', 'Straße', 'São Paulo–Guarulhos', 'Łódź']) {
      expect(foldForSearch(foldForSearch(text))).toBe(foldForSearch(text));
    }
  });
});
