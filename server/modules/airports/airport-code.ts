import { Matches, type ValidationArguments, type ValidationOptions } from 'class-validator';

export const AIRPORT_CODE_PATTERN = /^[A-Za-z0-9]{3,4}$/;

/** 3-letter IATA or 4-letter ICAO, any case; anything else cannot name an airport. */
export function IsAirportCode(options: ValidationOptions = {}): PropertyDecorator {
  return Matches(AIRPORT_CODE_PATTERN, {
    ...options,
    message: (args: ValidationArguments) => `${args.property} "${String(args.value).slice(0, 40)}" is not an airport code: use a 3-letter IATA or 4-letter ICAO code`,
  });
}
