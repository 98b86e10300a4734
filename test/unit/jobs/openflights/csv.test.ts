import { describe, expect, it } from 'vitest';
import { CsvFormatError, parseCsv } from '../../../../server/jobs/openflights/csv.js';

/** Runs parseCsv expecting a CsvFormatError and returns it for closer inspection. */
function parseError(text: string, file: string, columns: number): CsvFormatError {
  try {
    parseCsv(text, file, columns);
  } catch (error) {
    expect(error).toBeInstanceOf(CsvFormatError);
    return error as CsvFormatError;
  }
  throw new Error('parseCsv did not throw');
}

describe('parseCsv', () => {
  it('reads plain rows with 1-based line numbers', () => {
    expect(parseCsv('1,a,b\n2,c,d\n', 'x.dat', 3)).toEqual([
      { line: 1, fields: ['1', 'a', 'b'] },
      { line: 2, fields: ['2', 'c', 'd'] },
    ]);
  });

  it('keeps commas inside quoted fields', () => {
    const rows = parseCsv('1,"Zürich, Kloten",ZRH\n', 'airports.dat', 3);
    expect(rows).toEqual([{ line: 1, fields: ['1', 'Zürich, Kloten', 'ZRH'] }]);
  });

  it('turns doubled quotes inside a quoted field into one quote', () => {
    const rows = parseCsv('1,"Magdeburg ""City"" Airport",""""\n', 'airports.dat', 3);
    expect(rows[0].fields).toEqual(['1', 'Magdeburg "City" Airport', '"']);
  });

  it('reads \\N as null and an empty quoted field as the empty string', () => {
    const rows = parseCsv('\\N,"",,"\\N"\n', 'f.dat', 4);
    expect(rows[0].fields).toEqual([null, '', '', '\\N']);
    expect(rows[0].fields[0]).toBeNull();
    expect(rows[0].fields[1]).toBe('');
  });

  it('keeps \\N only as a whole field marker', () => {
    const rows = parseCsv('a\\N,\\Nb,\\N\n', 'f.dat', 3);
    expect(rows[0].fields).toEqual(['a\\N', '\\Nb', null]);
  });

  it('accepts LF and CRLF line ends alike', () => {
    const lf = parseCsv('1,"a",x\n2,"b",y\n', 'f.dat', 3);
    const crlf = parseCsv('1,"a",x\r\n2,"b",y\r\n', 'f.dat', 3);
    expect(crlf).toEqual(lf);
    expect(crlf).toEqual([
      { line: 1, fields: ['1', 'a', 'x'] },
      { line: 2, fields: ['2', 'b', 'y'] },
    ]);
  });

  it('accepts a mix of CRLF and LF line ends in one file', () => {
    const rows = parseCsv('1,a\r\n2,b\n3,c\r\n', 'f.dat', 2);
    expect(rows.map((row) => row.line)).toEqual([1, 2, 3]);
    expect(rows.map((row) => row.fields[1])).toEqual(['a', 'b', 'c']);
  });

  it('reads the last row with or without a trailing newline', () => {
    const withNewline = parseCsv('1,a\n2,b\n', 'f.dat', 2);
    const withoutNewline = parseCsv('1,a\n2,b', 'f.dat', 2);
    expect(withoutNewline).toEqual(withNewline);
    expect(withoutNewline).toHaveLength(2);
    expect(withoutNewline[1]).toEqual({ line: 2, fields: ['2', 'b'] });
  });

  it('reads a quoted last field without a trailing newline', () => {
    expect(parseCsv('1,"a"', 'f.dat', 2)).toEqual([{ line: 1, fields: ['1', 'a'] }]);
    expect(parseCsv('1,"a"\r\n', 'f.dat', 2)).toEqual([{ line: 1, fields: ['1', 'a'] }]);
  });

  it('reads an empty last field at the end of the text', () => {
    expect(parseCsv('1,a,', 'f.dat', 3)).toEqual([{ line: 1, fields: ['1', 'a', ''] }]);
    expect(parseCsv('1,a,\n', 'f.dat', 3)).toEqual([{ line: 1, fields: ['1', 'a', ''] }]);
  });

  it('returns no rows for empty text', () => {
    expect(parseCsv('', 'f.dat', 3)).toEqual([]);
    expect(parseCsv('\n', 'f.dat', 3)).toEqual([]);
  });

  it('skips blank lines but still counts them', () => {
    const rows = parseCsv('1,a\n\n2,b\r\n\r\n3,c\n', 'f.dat', 2);
    expect(rows).toEqual([
      { line: 1, fields: ['1', 'a'] },
      { line: 3, fields: ['2', 'b'] },
      { line: 5, fields: ['3', 'c'] },
    ]);
  });

  it('ignores a leading byte order mark', () => {
    const rows = parseCsv('\uFEFF1,"Zürich"\n', 'f.dat', 2);
    expect(rows[0].fields).toEqual(['1', 'Zürich']);
    expect(rows[0].fields[0]).toHaveLength(1);
  });

  it('ignores a byte order mark before a quoted first field', () => {
    const rows = parseCsv('\uFEFF"Aruba","AW","AA"\n', 'countries.dat', 3);
    expect(rows[0].fields).toEqual(['Aruba', 'AW', 'AA']);
  });

  it('keeps UTF-8 names intact, quoted and unquoted', () => {
    const rows = parseCsv('"Zürich",Łódź,"東京"\nÅre,"São Paulo",Москва\n', 'f.dat', 3);
    expect(rows[0].fields).toEqual(['Zürich', 'Łódź', '東京']);
    expect(rows[1].fields).toEqual(['Åre', 'São Paulo', 'Москва']);
  });

  it('keeps a newline inside a quoted field and keeps later line numbers right', () => {
    const text = '1,"first\nsecond",x\n2,"a\r\nb\nc",y\n3,plain,z\n';
    const rows = parseCsv(text, 'f.dat', 3);
    expect(rows).toEqual([
      { line: 1, fields: ['1', 'first\nsecond', 'x'] },
      { line: 3, fields: ['2', 'a\r\nb\nc', 'y'] },
      { line: 6, fields: ['3', 'plain', 'z'] },
    ]);
  });

  it('reports an error after a multi-line quoted field on the right line', () => {
    const error = parseError('1,"two\nlines",x\n2,y\n', 'routes.dat', 3);
    expect(error.line).toBe(3);
    expect(error.message).toBe('routes.dat:3: expected 3 fields, found 2');
  });

  it('rejects a row with too few fields, naming the file and the 1-based line', () => {
    const error = parseError('1,a,b\n2,c,d\n3,e\n4,f,g\n', 'airports.dat', 3);
    expect(error.name).toBe('CsvFormatError');
    expect(error.file).toBe('airports.dat');
    expect(error.line).toBe(3);
    expect(error.problem).toBe('expected 3 fields, found 2');
    expect(error.message).toBe('airports.dat:3: expected 3 fields, found 2');
  });

  it('rejects a row with too many fields', () => {
    const error = parseError('1,a,b\r\n2,"c,d",e,f\r\n', 'airlines.dat', 3);
    expect(error.file).toBe('airlines.dat');
    expect(error.line).toBe(2);
    expect(error.problem).toBe('expected 3 fields, found 4');
  });

  it('rejects the first row when it is already wrong', () => {
    const error = parseError('only-one\n', 'countries.dat', 3);
    expect(error.line).toBe(1);
    expect(error.problem).toMatch(/expected 3 fields, found 1/);
  });

  it('rejects an unclosed quote, naming the line where the field starts', () => {
    const error = parseError('1,a,b\n2,"never closed,c\n3,d,e\n', 'f.dat', 3);
    expect(error.file).toBe('f.dat');
    expect(error.line).toBe(2);
    expect(error.problem).toBe('a quoted field is never closed');
  });

  it('rejects an unclosed quote at the very end of the text', () => {
    const error = parseError('1,a,"', 'f.dat', 3);
    expect(error.line).toBe(1);
    expect(error.problem).toMatch(/never closed/);
  });

  it('rejects a quote inside an unquoted field, naming the column', () => {
    const error = parseError('1,a,b\n2,ab"c,d\n', 'f.dat', 3);
    expect(error.line).toBe(2);
    expect(error.problem).toBe('a quote inside an unquoted field (column 2)');
  });

  it('rejects text after a closing quote', () => {
    const error = parseError('1,"abc"x,d\n', 'f.dat', 3);
    expect(error.line).toBe(1);
    expect(error.problem).toBe('unexpected text after a quoted field (column 2)');
  });

  it('rejects a space between a closing quote and the comma', () => {
    const error = parseError('1,a\n"b" ,c\n', 'f.dat', 2);
    expect(error.line).toBe(2);
    expect(error.problem).toMatch(/unexpected text after a quoted field \(column 1\)/);
  });

  it('is a real Error subclass', () => {
    const error = new CsvFormatError('a.dat', 7, 'broken');
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('a.dat:7: broken');
    expect([error.file, error.line, error.problem]).toEqual(['a.dat', 7, 'broken']);
  });
});
