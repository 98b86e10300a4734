import { DirectiveLocation, GraphQLBoolean, GraphQLDirective, GraphQLEnumType, GraphQLInt } from 'graphql';
import { Directive } from 'type-graphql';

/**
 * Cache-control hints, in Apollo's `@cacheControl` vocabulary so its plugin computes each
 * response's policy: a response is cacheable for the smallest maxAge of the fields it resolved,
 * and not at all when any root field or object field has no hint (maxAge 0 by default). So a
 * forgotten hint makes an answer uncached, never stale.
 */

/** Reference data changes only with a new OpenFlights import, which empties the cache. */
export const REFERENCE_MAX_AGE_SECONDS = 86_400;
/**
 * Community data (pieces, people, comments, contests) is invalidated by tag on every mutation;
 * the short lifetime bounds what a change made outside GraphQL (a contest opening on its date)
 * can leave stale.
 */
export const COMMUNITY_MAX_AGE_SECONDS = 30;

const CacheControlScope = new GraphQLEnumType({
  name: 'CacheControlScope',
  description: 'PUBLIC answers may be shared between viewers; PRIVATE ones are cached per viewer.',
  values: { PUBLIC: { value: 'PUBLIC', description: 'May be shared between viewers.' }, PRIVATE: { value: 'PRIVATE', description: 'Cached per viewer only.' } },
});

export const cacheControlDirective = new GraphQLDirective({
  name: 'cacheControl',
  description: 'How long an answer that resolves this field or type may be served from a cache.',
  locations: [DirectiveLocation.FIELD_DEFINITION, DirectiveLocation.OBJECT, DirectiveLocation.INTERFACE, DirectiveLocation.UNION],
  args: {
    maxAge: { type: GraphQLInt },
    scope: { type: CacheControlScope },
    inheritMaxAge: { type: GraphQLBoolean },
  },
});

/** On types and root fields of reference data: airports, airlines, routes, paths. */
export const ReferenceData = () => Directive(`@cacheControl(maxAge: ${REFERENCE_MAX_AGE_SECONDS})`);

/** On types and root fields of community data. */
export const CommunityData = () => Directive(`@cacheControl(maxAge: ${COMMUNITY_MAX_AGE_SECONDS})`);

/** On value types (edges, notes, rules...): as cacheable as the object they hang from. */
export const InheritCacheHint = () => Directive('@cacheControl(inheritMaxAge: true)');

/**
 * On root fields whose answer changes with no mutation to tell (who is online, a personal
 * recommendation, the signed-in account): a field hint overrides the hint of the type it returns.
 */
export const Uncached = () => Directive('@cacheControl(maxAge: 0)');
