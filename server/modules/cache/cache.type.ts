import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType('CacheLayerStats', { description: 'Lookups in one layer of the response cache since this instance started.' })
export class CacheLayerStats {
  @Field(() => String, { description: '`memory` (in this process) or `redis` (shared by every instance).' })
  layer!: string;

  @Field(() => Int, { description: 'Lookups answered from this layer.' })
  hits!: number;

  @Field(() => Int, { description: 'Lookups this layer could not answer.' })
  misses!: number;

  @Field(() => Float, { nullable: true, description: 'hits / (hits + misses); null before the first lookup.' })
  hitRate!: number | null;

  @Field(() => Int, { nullable: true, description: 'Entries held; null for the shared layer.' })
  entries!: number | null;

  @Field(() => Int, { nullable: true, description: 'Approximate memory held, in bytes; null for the shared layer.' })
  bytes!: number | null;
}

@ObjectType('CacheStats', { description: 'The response cache of the instance that answers.' })
export class CacheStats {
  @Field(() => [CacheLayerStats], { description: 'Each layer: in-process memory first, then Redis.' })
  layers!: CacheLayerStats[];

  @Field(() => Int, { description: 'Requests that waited for an identical one being computed instead of computing again.' })
  coalesced!: number;

  @Field(() => Int, { description: 'Answers stored.' })
  stores!: number;

  @Field(() => Int, { description: 'Invalidations (one per mutation that changed data).' })
  invalidations!: number;
}
