import { ArgsType, Field, Int } from 'type-graphql';
import { IsOptional, Length, Max, MaxLength, Min } from 'class-validator';
import { ConnectionArgs, MAX_PAGE_SIZE } from '../../graphql/relay.js';
import { IsAirportCode } from './airport-code.js';

@ArgsType()
export class AirportArgs {
  @Field(() => String, { description: 'IATA or ICAO code, any case.' })
  @IsAirportCode()
  code!: string;
}

@ArgsType()
export class SearchAirportsArgs {
  @Field(() => String, { description: 'Code, name or city; accents optional ("zurich" finds Zürich).' })
  @Length(1, 100, { message: 'query must be 1 to 100 characters' })
  query!: string;

  @Field(() => Int, { nullable: true, defaultValue: 10, description: `How many, 1 to ${MAX_PAGE_SIZE}.` })
  @IsOptional()
  @Min(1, { message: 'first must be at least 1' })
  @Max(MAX_PAGE_SIZE, { message: `first must be at most ${MAX_PAGE_SIZE}` })
  first!: number | null;
}

@ArgsType()
export class AirportsArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true, description: 'Only airports in this country (its OpenFlights name).' })
  @IsOptional()
  @MaxLength(100)
  country?: string;
}
