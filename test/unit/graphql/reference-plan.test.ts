import 'reflect-metadata';
import { getOperationAST, parse, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, test } from 'vitest';
import { REFERENCE_MAX_AGE_SECONDS } from '../../../server/graphql/cache-control.js';
import { referencePlan, resolvedNested } from '../../../server/graphql/reference-plan.js';
import { createSchema } from '../../../server/graphql/schema.js';

let schema: GraphQLSchema;

beforeAll(async () => {
  schema = await createSchema(null);
});

const planOf = (query: string) => {
  const document = parse(query);
  return referencePlan(schema, document, getOperationAST(document)!);
};

describe('referencePlan', () => {
  test('plans a query of reference data only, through fragments, with the maxAge Apollo would compute', () => {
    const plan = planOf('query { route(from: "JFK", to: "LAX") { id airlines { iata } origin { ...A } } } fragment A on Airport { iata __typename }');
    expect(plan).toEqual({ maxAgeSeconds: REFERENCE_MAX_AGE_SECONDS, compositeRootFields: ['route'] });
    expect(planOf('{ a: airport(code: "LHR") { iata } routes(first: 2) { nodes { id } pageInfo { hasNextPage } } }')?.compositeRootFields).toEqual(['a', 'routes']);
  });

  test('leaves to Apollo what may depend on the viewer, on the request or on which fields ran', () => {
    expect(planOf('{ compositions(first: 1) { nodes { id } } }')).toBeNull();
    expect(planOf('{ route(from: "JFK", to: "LAX") { id } viewer { id } }')).toBeNull();
    expect(planOf('query($x: Boolean!) { route(from: "JFK", to: "LAX") { id @include(if: $x) } }')).toBeNull();
    expect(planOf('{ __schema { queryType { name } } }')).toBeNull();
    expect(planOf('{ __typename }')).toBeNull();
    expect(planOf('mutation { logOut }')).toBeNull();
  });

  test('tags an answer as dataset only when a nested field ran', () => {
    const plan = planOf('{ route(from: "JFK", to: "LAX") { id } }')!;
    expect(resolvedNested({ route: null }, plan)).toBe(false);
    expect(resolvedNested({ route: { id: 'x' } }, plan)).toBe(true);
    const list = planOf('{ searchAirports(query: "zur", first: 3) { iata } }')!;
    expect(resolvedNested({ searchAirports: [] }, list)).toBe(false);
    expect(resolvedNested({ searchAirports: [{ iata: 'ZRH' }] }, list)).toBe(true);
  });
});
