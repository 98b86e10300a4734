import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Node, connectionTypes } from '../../graphql/relay.js';
import { InheritCacheHint, ReferenceData } from '../../graphql/cache-control.js';

@ReferenceData()
@ObjectType('Airport', { implements: Node, description: 'An airport from OpenFlights.' })
export class Airport extends Node {
  @Field(() => String, { nullable: true, description: '3-letter IATA code, when the airport has one.' })
  iata!: string | null;

  @Field(() => String, { nullable: true, description: '4-letter ICAO code, when the airport has one.' })
  icao!: string | null;

  @Field(() => String, { description: 'The airport\'s name, e.g. "Zürich Airport".' })
  name!: string;

  @Field(() => String, { description: 'The city it serves.' })
  city!: string;

  @Field(() => String, { description: 'Country, as OpenFlights names it, e.g. "Switzerland".' })
  country!: string;

  @Field(() => Float, { description: 'Latitude in degrees (north positive).' })
  latitude!: number;

  @Field(() => Float, { description: 'Longitude in degrees (east positive).' })
  longitude!: number;

  @Field(() => Int, { description: 'Elevation in feet.' })
  altitudeFt!: number;

  @Field(() => String, { nullable: true, description: 'IANA time zone, e.g. "Europe/Zurich".' })
  timezone!: string | null;

  @Field(() => Float, { nullable: true, description: 'Standard offset from UTC in hours.' })
  utcOffsetHours!: number | null;

  @Field(() => Int, { description: 'How many airports this one has direct routes to.' })
  destinationCount!: number;
}

@InheritCacheHint()
@ObjectType('AirportConnection')
export class AirportConnection extends connectionTypes(Airport, 'Airport') {}
