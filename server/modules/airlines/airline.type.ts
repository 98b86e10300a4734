import { ArgsType, Field, ObjectType } from 'type-graphql';
import { Matches } from 'class-validator';
import { Node, connectionTypes } from '../../graphql/relay.js';
import { InheritCacheHint, ReferenceData } from '../../graphql/cache-control.js';

@ReferenceData()
@ObjectType('Airline', { implements: Node, description: 'An airline from OpenFlights.' })
export class Airline extends Node {
  @Field(() => String, { nullable: true, description: '2-character IATA code.' })
  iata!: string | null;

  @Field(() => String, { nullable: true, description: '3-letter ICAO code.' })
  icao!: string | null;

  @Field(() => String, { description: 'The airline\'s name, e.g. "Swiss International Air Lines".' })
  name!: string;

  @Field(() => String, { description: 'Another name the airline is known by.', nullable: true })
  alias!: string | null;

  @Field(() => String, { description: 'Radio callsign, e.g. "SWISS".', nullable: true })
  callsign!: string | null;

  @Field(() => String, { description: 'Country of registration, as OpenFlights names it.', nullable: true })
  country!: string | null;

  @Field(() => Boolean, { description: 'Whether OpenFlights lists the airline as operating.' })
  active!: boolean;
}

@InheritCacheHint()
@ObjectType('AirlineConnection')
export class AirlineConnection extends connectionTypes(Airline, 'Airline') {}

@ArgsType()
export class AirlineArgs {
  @Field(() => String, { description: '2-character IATA or 3-letter ICAO code, any case.' })
  @Matches(/^[A-Za-z0-9]{2,3}$/, { message: 'code must be a 2-character IATA or 3-letter ICAO airline code' })
  code!: string;
}
