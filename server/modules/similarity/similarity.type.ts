import { ArgsType, Field, Float, Int, ObjectType } from 'type-graphql';
import { Max, Min, IsOptional } from 'class-validator';
import { Composition } from '../compositions/composition.type.js';
import { Route, RouteArgs } from '../routes/route.type.js';
import { InheritCacheHint } from '../../graphql/cache-control.js';

export const MAX_SIMILAR = 100;

@InheritCacheHint()
@ObjectType('RouteMatch', { description: 'A route whose default composition sounds like the one asked about.' })
export class RouteMatch {
  @Field(() => Route, { description: 'The similar route.' })
  route!: Route;

  @Field(() => Float, { description: 'Similarity from 0 to 1 (1 = alike in every measured aspect).' })
  score!: number;
}

@InheritCacheHint()
@ObjectType('CompositionMatch', { description: 'A saved composition that sounds like the one asked about.' })
export class CompositionMatch {
  @Field(() => Composition, { description: 'The similar piece.' })
  composition!: Composition;

  @Field(() => Float, { description: 'Similarity from 0 to 1 (1 = alike in every measured aspect).' })
  score!: number;
}

@ArgsType()
export class SimilarArgs {
  @Field(() => Int, { nullable: true, defaultValue: 10, description: `How many matches, 1 to ${MAX_SIMILAR}, best first.` })
  @IsOptional()
  @Min(1, { message: 'first must be at least 1' })
  @Max(MAX_SIMILAR, { message: `first must be at most ${MAX_SIMILAR}` })
  first!: number | null;
}

@ArgsType()
export class SimilarRoutesArgs extends RouteArgs {
  @Field(() => Int, { nullable: true, defaultValue: 10, description: `How many matches, 1 to ${MAX_SIMILAR}, best first.` })
  @IsOptional()
  @Min(1, { message: 'first must be at least 1' })
  @Max(MAX_SIMILAR, { message: `first must be at most ${MAX_SIMILAR}` })
  first!: number | null;
}
