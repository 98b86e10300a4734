/** A CSV problem located by file and 1-based line, so a broken download can be found and fixed. */
export class CsvFormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`${file}:${line}: ${problem}`);
    this.name = 'CsvFormatError';
  }
}

export interface CsvRow {
  line: number;
  /** Field values; OpenFlights' `\N` becomes null. An empty quoted field stays "". */
  fields: (string | null)[];
}

const QUOTE = 34;
const COMMA = 44;
const NEWLINE = 10;
const CARRIAGE_RETURN = 13;

/**
 * Parses OpenFlights CSV: no header, RFC 4180 quoting ("" inside quotes is a quote), `\N` for a
 * missing value, LF or CRLF line ends. Every row must have `columns` fields.
 */
export function parseCsv(text: string, file: string, columns: number): CsvRow[] {
  const rows: CsvRow[] = [];
  const length = text.length;
  let position = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (position < length) {
    const rowLine = line;
    const fields: (string | null)[] = [];
    let rowEnded = false;
    while (!rowEnded) {
      let value: string | null;
      if (text.charCodeAt(position) === QUOTE) {
        let end = position + 1;
        let buffer = '';
        for (;;) {
          const next = text.indexOf('"', end);
          if (next === -1) throw new CsvFormatError(file, rowLine, 'a quoted field is never closed');
          buffer += text.slice(end, next);
          if (text.charCodeAt(next + 1) === QUOTE) {
            buffer += '"';
            end = next + 2;
            continue;
          }
          position = next + 1;
          break;
        }
        for (const char of buffer) if (char === '\n') line++;
        value = buffer;
      } else {
        let end = position;
        while (end < length) {
          const code = text.charCodeAt(end);
          if (code === COMMA || code === NEWLINE || code === CARRIAGE_RETURN) break;
          if (code === QUOTE) throw new CsvFormatError(file, rowLine, `a quote inside an unquoted field (column ${fields.length + 1})`);
          end++;
        }
        const raw = text.slice(position, end);
        value = raw === '\\N' ? null : raw;
        position = end;
      }
      fields.push(value);
      const code = text.charCodeAt(position);
      if (code === COMMA) {
        position++;
      } else if (code === CARRIAGE_RETURN && text.charCodeAt(position + 1) === NEWLINE) {
        position += 2;
        rowEnded = true;
      } else if (code === NEWLINE || code === CARRIAGE_RETURN) {
        position++;
        rowEnded = true;
      } else if (position >= length) {
        rowEnded = true;
      } else {
        throw new CsvFormatError(file, rowLine, `unexpected text after a quoted field (column ${fields.length})`);
      }
    }
    line++;
    if (fields.length === 1 && fields[0] === '') continue;
    if (fields.length !== columns) {
      throw new CsvFormatError(file, rowLine, `expected ${columns} fields, found ${fields.length}`);
    }
    rows.push({ line: rowLine, fields });
  }
  return rows;
}
