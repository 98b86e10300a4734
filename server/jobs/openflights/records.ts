import { foldForSearch } from '../../modules/airports/search-text.js';
import { CsvFormatError, type CsvRow } from './csv.js';

export interface CountryRecord {
  name: string;
  isoCode: string | null;
  dafifCode: string | null;
}

export interface AirportRecord {
  id: number;
  name: string;
  city: string;
  country: string;
  iata: string | null;
  icao: string | null;
  latitude: number;
  longitude: number;
  altitudeFt: number;
  utcOffsetHours: number | null;
  dst: string | null;
  timezone: string | null;
  kind: string;
  source: string;
  searchText: string;
}

export interface AirlineRecord {
  id: number;
  name: string;
  alias: string | null;
  iata: string | null;
  icao: string | null;
  callsign: string | null;
  country: string | null;
  active: boolean;
}

export interface RouteRowRecord {
  line: number;
  airlineCode: string;
  airlineId: number | null;
  sourceCode: string | null;
  sourceId: number | null;
  destinationCode: string | null;
  destinationId: number | null;
  codeshare: boolean;
  stops: number;
  equipment: string;
}

export const COLUMNS = { airports: 14, airlines: 8, routes: 9, countries: 3 } as const;

/** Reads typed values from one CSV row, failing with the file, line and column on a bad value. */
class FieldReader {
  constructor(
    private readonly file: string,
    private readonly row: CsvRow,
  ) {}

  fail(column: number, problem: string): never {
    throw new CsvFormatError(this.file, this.row.line, `column ${column + 1}: ${problem}`);
  }

  optionalText(column: number): string | null {
    const value = this.row.fields[column];
    return value === null || value === undefined || value.trim() === '' ? null : value.trim();
  }

  text(column: number, what: string): string {
    return this.optionalText(column) ?? this.fail(column, `${what} is missing`);
  }

  /** A code such as IATA/ICAO; OpenFlights writes "-" or "N/A" for none. */
  code(column: number): string | null {
    const value = this.optionalText(column);
    return value === null || value === '-' || value === 'N/A' || !/^[A-Za-z0-9]+$/.test(value) ? null : value.toUpperCase();
  }

  optionalNumber(column: number, what: string, min = -Infinity, max = Infinity): number | null {
    const value = this.optionalText(column);
    if (value === null) return null;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < min || parsed > max) {
      this.fail(column, `${what} "${value}" is not a number between ${min} and ${max}`);
    }
    return parsed;
  }

  number(column: number, what: string, min = -Infinity, max = Infinity): number {
    return this.optionalNumber(column, what, min, max) ?? this.fail(column, `${what} is missing`);
  }

  integer(column: number, what: string): number {
    const value = this.number(column, what);
    if (!Number.isInteger(value)) this.fail(column, `${what} "${value}" is not a whole number`);
    return value;
  }

  optionalInteger(column: number, what: string): number | null {
    return this.optionalText(column) === null ? null : this.integer(column, what);
  }
}

export function readCountries(rows: CsvRow[], file: string): CountryRecord[] {
  return rows.map((row) => {
    const fields = new FieldReader(file, row);
    return { name: fields.text(0, 'country name'), isoCode: fields.code(1), dafifCode: fields.code(2) };
  });
}

export function readAirports(rows: CsvRow[], file: string): AirportRecord[] {
  return rows.map((row) => {
    const fields = new FieldReader(file, row);
    const name = fields.text(1, 'airport name');
    const city = fields.optionalText(2) ?? '';
    const country = fields.text(3, 'country');
    const rawIata = fields.code(4);
    const rawIcao = fields.code(5);
    const iata = rawIata?.length === 3 ? rawIata : null;
    const icao = rawIcao && rawIcao.length <= 4 ? rawIcao : null;
    return {
      id: fields.integer(0, 'airport id'),
      name,
      city,
      country,
      iata,
      icao,
      latitude: fields.number(6, 'latitude', -90, 90),
      longitude: fields.number(7, 'longitude', -180, 180),
      altitudeFt: Math.round(fields.optionalNumber(8, 'altitude', -2000, 30000) ?? 0),
      utcOffsetHours: fields.optionalNumber(9, 'UTC offset', -14, 14),
      dst: fields.optionalText(10),
      timezone: fields.optionalText(11),
      kind: fields.optionalText(12) ?? 'airport',
      source: fields.optionalText(13) ?? 'unknown',
      searchText: foldForSearch(`${iata ?? ''} ${icao ?? ''} ${name} ${city} ${country}`),
    };
  });
}

export function readAirlines(rows: CsvRow[], file: string): AirlineRecord[] {
  return rows.map((row) => {
    const fields = new FieldReader(file, row);
    const active = (fields.optionalText(7) ?? 'N').toUpperCase();
    if (active !== 'Y' && active !== 'N') fields.fail(7, `active flag "${active}" is neither Y nor N`);
    return {
      id: fields.integer(0, 'airline id'),
      name: fields.text(1, 'airline name'),
      alias: fields.optionalText(2),
      iata: fields.code(3),
      icao: fields.code(4),
      callsign: fields.optionalText(5),
      country: fields.optionalText(6),
      active: active === 'Y',
    };
  });
}

export function readRouteRows(rows: CsvRow[], file: string): RouteRowRecord[] {
  return rows.map((row) => {
    const fields = new FieldReader(file, row);
    const codeshare = fields.optionalText(6);
    if (codeshare !== null && codeshare !== 'Y') fields.fail(6, `codeshare flag "${codeshare}" is neither Y nor empty`);
    return {
      line: row.line,
      airlineCode: fields.text(0, 'airline code').toUpperCase(),
      airlineId: fields.optionalInteger(1, 'airline id'),
      sourceCode: fields.code(2),
      sourceId: fields.optionalInteger(3, 'source airport id'),
      destinationCode: fields.code(4),
      destinationId: fields.optionalInteger(5, 'destination airport id'),
      codeshare: codeshare === 'Y',
      stops: fields.integer(7, 'stops'),
      equipment: fields.optionalText(8) ?? '',
    };
  });
}
