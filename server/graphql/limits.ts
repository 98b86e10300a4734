import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
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
  type DocumentNode,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import { DEFAULT_PAGE_SIZE } from './relay.js';

/** Roughly how many objects one request may ask for; GitHub-style, connections multiply by `first`. */
export const MAX_QUERY_COST = 100_000;
/** Lists with no `first` whose length the schema knows only roughly. */
const LIST_SIZE_ESTIMATES: Record<string, number> = { 'Track.notes': 500, 'Composition.tracks': 4, 'Composition.chords': 100 };

/** More tokens than this and the parser gives up before building a document. */
export const MAX_QUERY_TOKENS = 3_000;

/** Shape limits from graphql-armor (depth, aliases, directives) with messages that do not reveal the numbers. */
export function shapeRules(): ValidationRule[] {
  const hidden = (errorMessage: string) => ({ exposeLimits: false, errorMessage });
  const { validationRules } = new ApolloArmor({
    maxDepth: { n: 12, flattenFragments: true, ...hidden('this query is nested too deeply') },
    maxAliases: { n: 30, ...hidden('this query uses too many aliases') },
    // armor's token limit re-parses and throws syntax errors as 500s; Apollo's parseOptions does it.
    maxTokens: { enabled: false },
    maxDirectives: { n: 30, ...hidden('this query uses too many directives') },
    costLimit: { enabled: false },
    // The guard removes suggestions from every door's errors itself.
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return validationRules;
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
  const size =
    Number.isFinite(requested) && requested > 0 ? requested : isConnection ? DEFAULT_PAGE_SIZE : isListType(unwrapped) ? (LIST_SIZE_ESTIMATES[`${parentType.name}.${field.name.value}`] ?? 1) : 1;
  return costOf(schema, namedType, field.selectionSet, multiplier * size, fragments, variables, seen);
}

/** How many objects an operation could produce, counted with its variables (a validation rule cannot see them). */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): number {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  const root = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  return root ? costOf(schema, root, operation.selectionSet, 1, fragments, variables, new Set()) : 0;
}
