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

  @Field(() => String)
  name!: string;

  @Field(() => String)
  city!: string;

  @Field(() => String)
  country!: string;

  @Field(() => Float)
  latitude!: number;

  @Field(() => Float)
  longitude!: number;

  @Field(() => Int)
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
