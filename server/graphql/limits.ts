import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  GraphQLError,
  Kind,
  getNamedType,
  isListType,
  isNonNullType,
  valueFromASTUntyped,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLSchema,
  type SelectionSetNode,
  type GraphQLCompositeType,
  isCompositeType,
  isObjectType,
  isInterfaceType,
} from 'graphql';
import type { RateLimiter } from '../adapters/rate-limiter.js';
import type { RequestContext } from '../context.js';
import { RateLimitedError } from '../errors.js';
import { DEFAULT_PAGE_SIZE } from './relay.js';

/** Roughly how many objects one request may ask for; GitHub-style, connections multiply by `first`. */
const MAX_QUERY_COST = 100_000;
/** Lists with no `first` whose length the schema knows only roughly. */
const LIST_SIZE_ESTIMATES: Record<string, number> = { 'Track.notes': 500, 'Composition.tracks': 4, 'Composition.chords': 100 };

/** More tokens than this and the parser gives up before building a document. */
export const MAX_QUERY_TOKENS = 3_000;

/**
 * Shape limits from graphql-armor (depth, aliases, directives) with messages that do not
 * reveal the numbers, and field suggestions hidden in production so the schema cannot be probed.
 */
export function shapeLimits(production: boolean) {
  const hidden = (errorMessage: string) => ({ exposeLimits: false, errorMessage });
  const { plugins, validationRules } = new ApolloArmor({
    maxDepth: { n: 12, flattenFragments: true, ...hidden('this query is nested too deeply') },
    maxAliases: { n: 30, ...hidden('this query uses too many aliases') },
    // armor's token limit re-parses and throws syntax errors as 500s; Apollo's parseOptions does it.
    maxTokens: { enabled: false },
    maxDirectives: { n: 30, ...hidden('this query uses too many directives') },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: production },
  }).protect();
  // armor types its plugins for Apollo's base context; they never read the context.
  return { plugins: plugins as ApolloServerPlugin<RequestContext>[], validationRules };
}

/** How many objects a selection may produce, with connections and lists multiplying their children. */
function costOf(
  schema: GraphQLSchema,
  parentType: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
  multiplier: number,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  seen: Set<string>,
): number {
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = fragments[selection.name.value];
      if (!fragment || seen.has(fragment.name.value)) continue;
      const type = schema.getType(fragment.typeCondition.name.value);
      if (type && isCompositeType(type)) total += costOf(schema, type, fragment.selectionSet, multiplier, fragments, variables, new Set([...seen, fragment.name.value]));
      continue;
    }
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parentType;
      if (type && isCompositeType(type)) total += costOf(schema, type, selection.selectionSet, multiplier, fragments, variables, seen);
      continue;
    }
    total += multiplier + fieldCost(schema, parentType, selection, multiplier, fragments, variables, seen);
  }
  return total;
}

function fieldCost(
  schema: GraphQLSchema,
  parentType: GraphQLCompositeType,
  field: FieldNode,
  multiplier: number,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  seen: Set<string>,
): number {
  if (!field.selectionSet || !(isObjectType(parentType) || isInterfaceType(parentType))) return 0;
  const definition: GraphQLField<unknown, unknown> | undefined = parentType.getFields()[field.name.value];
  if (!definition) return 0;
  const namedType = getNamedType(definition.type);
  if (!isCompositeType(namedType)) return 0;
  const sizeArgument = field.arguments?.find((arg) => arg.name.value === 'first' || arg.name.value === 'limit');
  const requested = sizeArgument ? Number(valueFromASTUntyped(sizeArgument.value, variables)) : NaN;
  const isConnection = namedType.name.endsWith('Connection');
  const unwrapped = isNonNullType(definition.type) ? definition.type.ofType : definition.type;
  const size = Number.isFinite(requested) && requested > 0
    ? requested
    : isConnection
      ? DEFAULT_PAGE_SIZE
      : isListType(unwrapped)
        ? (LIST_SIZE_ESTIMATES[`${parentType.name}.${field.name.value}`] ?? 1)
        : 1;
  return costOf(schema, namedType, field.selectionSet, multiplier * size, fragments, variables, seen);
}

/**
 * Refuses an operation that could produce more than MAX_QUERY_COST objects, counted with its
 * variables (a validation rule cannot see them): `routes(first: 100) { nodes { routesFrom(first:
 * 100) { ... } } }` multiplies to 10,000 routes.
 */
export function costLimitPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, schema, request }) {
          if (!operation) return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
          const root = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
          if (!root) return;
          const cost = costOf(schema, root, operation.selectionSet, 1, fragments, request.variables ?? {}, new Set());
          if (cost > MAX_QUERY_COST) {
            throw new GraphQLError('This query asks for too much at once: request fewer items (first) or fewer nested lists', {
              extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

/**
 * In production the schema is not introspectable by strangers (fewer clues for an attacker); the
 * team's playground sends the configured key in `x-playground-key` and keeps working.
 */
export function introspectionGuardPlugin(production: boolean, playgroundKey: string | undefined): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ request }) {
      if (!production || (playgroundKey && request.http?.headers.get('x-playground-key') === playgroundKey)) return;
      return {
        async didResolveOperation({ operation }) {
          const introspects = operation?.selectionSet.selections.some(
            (selection) => selection.kind === Kind.FIELD && (selection.name.value === '__schema' || selection.name.value === '__type'),
          );
          if (introspects === true) {
            throw new GraphQLError('Introspection is disabled on this server', { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
          }
        },
      };
    },
  };
}

/** Per viewer (or per address when signed out) request budget in Redis, shared by every instance. */
export function rateLimitPlugin(limiter: RateLimiter, perMinute: number): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      if (perMinute <= 0) return;
      return {
        // Apollo turns errors thrown here (not in requestDidStart) into a proper GraphQL response.
        async didResolveOperation({ contextValue }) {
          const key = contextValue.viewer ? `api:user:${contextValue.viewer.id}` : `api:address:${contextValue.clientAddress}`;
          const decision = await limiter.hit(key, perMinute, 60);
          if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds);
        },
      };
    },
  };
}
