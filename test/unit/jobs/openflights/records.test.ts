import { describe, expect, it } from 'vitest';
import { CsvFormatError, parseCsv, type CsvRow } from '../../../../server/jobs/openflights/csv.js';
import { COLUMNS, readAirlines, readAirports, readCountries, readRouteRows } from '../../../../server/jobs/openflights/records.js';

const airportRows = (text: string) => parseCsv(text, 'airports.dat', COLUMNS.airports);
const airlineRows = (text: string) => parseCsv(text, 'airlines.dat', COLUMNS.airlines);
const routeRows = (text: string) => parseCsv(text, 'routes.dat', COLUMNS.routes);
const countryRows = (text: string) => parseCsv(text, 'countries.dat', COLUMNS.countries);

function readError(read: () => unknown): CsvFormatError {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(CsvFormatError);
    return error as CsvFormatError;
  }
  throw new Error('the reader did not throw');
}

const ZURICH = '1678,"Zürich Airport","Zurich","Switzerland","ZRH","LSZH",47.464699,8.54917,1416,1,"E","Europe/Zurich","airport","OurAirports"';
const LODZ = '676,"Łódź Władysław Reymont Airport","Łódź","Poland",\\N,"epll",51.721900939899996,19.3980998993,604,1,"E","Europe/Warsaw","airport","OurAirports"';

describe('readAirports', () => {
  it('reads typed values from a row', () => {
    const [airport] = readAirports(airportRows(`${ZURICH}\n`), 'airports.dat');
    expect(airport).toEqual({
      id: 1678,
      name: 'Zürich Airport',
      city: 'Zurich',
      country: 'Switzerland',
      iata: 'ZRH',
      icao: 'LSZH',
      latitude: 47.464699,
      longitude: 8.54917,
      altitudeFt: 1416,
      utcOffsetHours: 1,
      dst: 'E',
      timezone: 'Europe/Zurich',
      kind: 'airport',
      source: 'OurAirports',
      searchText: 'zrh lszh zurich airport zurich switzerland',
    });
    expect(typeof airport.id).toBe('number');
    expect(typeof airport.latitude).toBe('number');
  });

  it('reads IATA \\N as null, upper-cases codes and folds the search text', () => {
    const [airport] = readAirports(airportRows(`${LODZ}\n`), 'airports.dat');
    expect(airport.iata).toBeNull();
    expect(airport.icao).toBe('EPLL');
    expect(airport.name).toBe('Łódź Władysław Reymont Airport');
    expect(airport.searchText).toBe('epll lodz wladyslaw reymont airport lodz poland');
    expect(airport.searchText).toMatch(/^[a-z0-9 ]+$/);
  });

  it('upper-cases a lower-case IATA code', () => {
    const text = '5,"Somewhere","Town","Land","abc","abcd",1,2,3,0,"U","UTC","airport","X"\n';
    const [airport] = readAirports(airportRows(text), 'airports.dat');
    expect(airport.iata).toBe('ABC');
    expect(airport.icao).toBe('ABCD');
    expect(airport.searchText.startsWith('abc abcd ')).toBe(true);
  });

  it('treats empty, "-" and "N/A" codes as missing', () => {
    const text = ['1,"A","c","Land","","-",1,2,3,0,"U","UTC","airport","X"', '2,"B","c","Land","N/A",\\N,1,2,3,0,"U","UTC","airport","X"'].join('\n');
    const airports = readAirports(airportRows(text), 'airports.dat');
    expect(airports.map((a) => [a.iata, a.icao])).toEqual([
      [null, null],
      [null, null],
    ]);
  });

  it('drops an IATA code that is not three characters', () => {
    const text = '9,"A","c","Land","ABCD","WXYZ",1,2,3,0,"U","UTC","airport","X"\n';
    const [airport] = readAirports(airportRows(text), 'airports.dat');
    expect(airport.iata).toBeNull();
    expect(airport.icao).toBe('WXYZ');
  });

  it('fills defaults for missing optional values', () => {
    const text = '7,"Bare Field",\\N,"Nowhere",\\N,\\N,-10.5,-170.25,\\N,\\N,\\N,\\N,\\N,\\N\n';
    const [airport] = readAirports(airportRows(text), 'airports.dat');
    expect(airport).toMatchObject({
      id: 7,
      city: '',
      altitudeFt: 0,
      utcOffsetHours: null,
      dst: null,
      timezone: null,
      kind: 'airport',
      source: 'unknown',
      latitude: -10.5,
      longitude: -170.25,
    });
  });

  it('rounds a fractional altitude and accepts a fractional UTC offset', () => {
    const text = '8,"A","c","India","DEL","VIDP",28.5,77.1,776.6,5.5,"N","Asia/Calcutta","airport","X"\n';
    const [airport] = readAirports(airportRows(text), 'airports.dat');
    expect(airport.altitudeFt).toBe(777);
    expect(airport.utcOffsetHours).toBe(5.5);
  });

  it('accepts the latitude and longitude limits', () => {
    const text = '3,"Pole","c","Land","","",-90,180,0,0,"U","UTC","airport","X"\n';
    const [airport] = readAirports(airportRows(text), 'airports.dat');
    expect([airport.latitude, airport.longitude]).toEqual([-90, 180]);
  });

  it('rejects a latitude out of range, naming the line and the column', () => {
    const text = `${ZURICH}\n2,"Bad","c","Land","BAD","XBAD",91.5,0,0,0,"U","UTC","airport","X"\n`;
    const error = readError(() => readAirports(airportRows(text), 'airports.dat'));
    expect(error.file).toBe('airports.dat');
    expect(error.line).toBe(2);
    expect(error.problem).toMatch(/^column 7: latitude "91.5"/);
    expect(error.message).toMatch(/^airports\.dat:2: column 7: latitude/);
  });

  it('rejects a longitude out of range', () => {
    const text = '2,"Bad","c","Land","BAD","XBAD",10,-180.5,0,0,"U","UTC","airport","X"\n';
    const error = readError(() => readAirports(airportRows(text), 'airports.dat'));
    expect(error.line).toBe(1);
    expect(error.problem).toMatch(/^column 8: longitude "-180.5"/);
  });

  it('rejects a missing latitude', () => {
    const text = '2,"Bad","c","Land","BAD","XBAD",\\N,10,0,0,"U","UTC","airport","X"\n';
    const error = readError(() => readAirports(airportRows(text), 'airports.dat'));
    expect(error.problem).toBe('column 7: latitude is missing');
  });

  it('rejects a non-numeric altitude', () => {
    const text = '2,"Bad","c","Land","BAD","XBAD",10,10,high,0,"U","UTC","airport","X"\n';
    const error = readError(() => readAirports(airportRows(text), 'airports.dat'));
    expect(error.line).toBe(1);
    expect(error.problem).toMatch(/^column 9: altitude "high" is not a number/);
  });

  it('rejects a non-integer airport id', () => {
    const text = '2.5,"Bad","c","Land","BAD","XBAD",10,10,0,0,"U","UTC","airport","X"\n';
    const error = readError(() => readAirports(airportRows(text), 'airports.dat'));
    expect(error.problem).toMatch(/^column 1: airport id "2.5" is not a whole number/);
  });

  it('rejects a missing airport name', () => {
    const text = '2,"  ","c","Land","BAD","XBAD",10,10,0,0,"U","UTC","airport","X"\n';
    const error = readError(() => readAirports(airportRows(text), 'airports.dat'));
    expect(error.problem).toBe('column 2: airport name is missing');
  });
});

describe('readAirlines', () => {
  it('reads typed values, null for \\N and missing codes', () => {
    const text = ['-1,"Unknown",\\N,"-","N/A",\\N,\\N,"Y"', '24,"American Airlines",\\N,"AA","AAL","AMERICAN","United States","Y"', '2,"135 Airways",\\N,"","GNL","GENERAL","United States","N"'].join(
      '\n',
    );
    const airlines = readAirlines(airlineRows(text), 'airlines.dat');
    expect(airlines).toEqual([
      { id: -1, name: 'Unknown', alias: null, iata: null, icao: null, callsign: null, country: null, active: true },
      {
        id: 24,
        name: 'American Airlines',
        alias: null,
        iata: 'AA',
        icao: 'AAL',
        callsign: 'AMERICAN',
        country: 'United States',
        active: true,
      },
      {
        id: 2,
        name: '135 Airways',
        alias: null,
        iata: null,
        icao: 'GNL',
        callsign: 'GENERAL',
        country: 'United States',
        active: false,
      },
    ]);
  });

  it('accepts a lower-case active flag and treats a missing one as inactive', () => {
    const text = ['1,"A",\\N,"aa","aal",\\N,\\N,"n"', '2,"B",\\N,"BB",\\N,\\N,\\N,"y"', '3,"C",\\N,"CC",\\N,\\N,\\N,\\N'].join('\n');
    const airlines = readAirlines(airlineRows(text), 'airlines.dat');
    expect(airlines.map((a) => a.active)).toEqual([false, true, false]);
    expect(airlines[0].iata).toBe('AA');
    expect(airlines[0].icao).toBe('AAL');
  });

  it('rejects an active flag that is neither Y nor N', () => {
    const text = '1,"A",\\N,"AA",\\N,\\N,\\N,"Y"\n2,"B",\\N,"BB",\\N,\\N,\\N,"maybe"\n';
    const error = readError(() => readAirlines(airlineRows(text), 'airlines.dat'));
    expect(error.file).toBe('airlines.dat');
    expect(error.line).toBe(2);
    expect(error.problem).toBe('column 8: active flag "MAYBE" is neither Y nor N');
  });
});

describe('readRouteRows', () => {
  it('reads typed values with the CSV line number', () => {
    const text = '2B,410,AER,2965,KZN,2990,,0,CR2\nAA,24,JFK,3797,LAX,3484,Y,0,321 762\n';
    expect(readRouteRows(routeRows(text), 'routes.dat')).toEqual([
      {
        line: 1,
        airlineCode: '2B',
        airlineId: 410,
        sourceCode: 'AER',
        sourceId: 2965,
        destinationCode: 'KZN',
        destinationId: 2990,
        codeshare: false,
        stops: 0,
        equipment: 'CR2',
      },
      {
        line: 2,
        airlineCode: 'AA',
        airlineId: 24,
        sourceCode: 'JFK',
        sourceId: 3797,
        destinationCode: 'LAX',
        destinationId: 3484,
        codeshare: true,
        stops: 0,
        equipment: '321 762',
      },
    ]);
  });

  it('reads \\N ids as null and upper-cases codes', () => {
    const text = 'b6,\\N,jfk,\\N,lax,\\N,,1,\n';
    const [row] = readRouteRows(routeRows(text), 'routes.dat');
    expect(row).toMatchObject({
      airlineCode: 'B6',
      airlineId: null,
      sourceCode: 'JFK',
      sourceId: null,
      destinationCode: 'LAX',
      destinationId: null,
      codeshare: false,
      stops: 1,
      equipment: '',
    });
  });

  it('rejects a codeshare flag other than Y or empty', () => {
    const text = 'AA,24,JFK,3797,LAX,3484,,0,321\nAA,24,LAX,3484,JFK,3797,N,0,321\n';
    const error = readError(() => readRouteRows(routeRows(text), 'routes.dat'));
    expect(error.line).toBe(2);
    expect(error.problem).toBe('column 7: codeshare flag "N" is neither Y nor empty');
  });

  it('rejects a non-numeric airport id and a missing stop count', () => {
    const badId = readError(() => readRouteRows(routeRows('AA,24,JFK,abc,LAX,3484,,0,321\n'), 'routes.dat'));
    expect(badId.problem).toMatch(/^column 4: source airport id "abc"/);
    const noStops = readError(() => readRouteRows(routeRows('AA,24,JFK,3797,LAX,3484,,,321\n'), 'routes.dat'));
    expect(noStops.problem).toBe('column 8: stops is missing');
  });

  it('rejects a missing airline code', () => {
    const error = readError(() => readRouteRows(routeRows(',24,JFK,3797,LAX,3484,,0,321\n'), 'routes.dat'));
    expect(error.problem).toBe('column 1: airline code is missing');
  });

  it('keeps the line number of rows built by hand', () => {
    const rows: CsvRow[] = [{ line: 42, fields: ['QF', '4178', 'SYD', '3361', 'DFW', '3670', null, '0', '388'] }];
    const [row] = readRouteRows(rows, 'routes.dat');
    expect(row.line).toBe(42);
    expect(row.equipment).toBe('388');
  });
});

describe('readCountries', () => {
  it('reads names and codes, null for empty codes', () => {
    const text = '"Bonaire, Saint Eustatius and Saba","BQ",""\n"Aruba","AW","AA"\n"Kosovo",\\N,"KV"\n';
    expect(readCountries(countryRows(text), 'countries.dat')).toEqual([
      { name: 'Bonaire, Saint Eustatius and Saba', isoCode: 'BQ', dafifCode: null },
      { name: 'Aruba', isoCode: 'AW', dafifCode: 'AA' },
      { name: 'Kosovo', isoCode: null, dafifCode: 'KV' },
    ]);
  });

  it('rejects a missing country name', () => {
    const error = readError(() => readCountries(countryRows('"Aruba","AW","AA"\n"","XX",""\n'), 'countries.dat'));
    expect(error.line).toBe(2);
    expect(error.problem).toBe('column 1: country name is missing');
  });
});
