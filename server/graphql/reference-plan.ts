import {
  getNamedType,
  isCompositeType,
  isObjectType,
  Kind,
  type DirectiveNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { REFERENCE_ROOT_FIELDS, REFERENCE_TYPES } from './response-cache.plugin.js';

/**
 * What the response cache and the cache-control plugin would work out while a query runs, worked
 * out once from its document instead: for a query that reads reference data only, its answer is
 * shared by every viewer, carries no tag but `dataset`, and is cacheable for one maxAge whatever
 * the data holds. Such a query can be executed without Apollo's per-field instrumentation.
 */
export interface ReferencePlan {
  /** The policy Apollo's cache-control plugin computes for any answer of it (every restricting field agrees). */
  maxAgeSeconds: number;
  /** Root fields returning objects: when one of them resolved to something, nested fields ran (the `dataset` tag). */
  compositeRootFields: string[];
}

interface CacheHint {
  maxAge?: number;
  inheritMaxAge?: boolean;
}

/** Apollo's reading of `@cacheControl` on a type or field (cacheControl/index.js, cacheAnnotationFromDirectives). */
function hintOf(directives: readonly DirectiveNode[] | undefined): CacheHint {
  const directive = directives?.find((candidate) => candidate.name.value === 'cacheControl');
  if (!directive?.arguments) return {};
  const argument = (name: string) => directive.arguments!.find((candidate) => candidate.name.value === name)?.value;
  const inherit = argument('inheritMaxAge');
  if (inherit?.kind === Kind.BOOLEAN && inherit.value) return { inheritMaxAge: true };
  const maxAge = argument('maxAge');
  return { maxAge: maxAge?.kind === Kind.INT ? Number.parseInt(maxAge.value, 10) : undefined };
}

const typeHint = (type: GraphQLNamedType): CacheHint => {
  const nodes = [type.astNode, ...(type.extensionASTNodes ?? [])];
  for (const node of nodes) {
    const hint = hintOf(node?.directives);
    if (hint.maxAge !== undefined || hint.inheritMaxAge) return hint;
  }
  return {};
};

/**
 * The maxAge one resolved field restricts the answer to, as Apollo's plugin computes it with no
 * dynamic hint (none of the reference resolvers sets one): undefined when it restricts nothing.
 */
function fieldMaxAge(field: GraphQLField<unknown, unknown>, root: boolean): number | undefined {
  const target = getNamedType(field.type);
  let maxAge: number | undefined;
  let inherit = false;
  if (isCompositeType(target)) {
    const hint = typeHint(target);
    maxAge = hint.maxAge;
    inherit = hint.inheritMaxAge === true;
  }
  const own = hintOf(field.astNode?.directives);
  if (own.inheritMaxAge && maxAge === undefined) inherit = true;
  else if (own.maxAge !== undefined) maxAge = own.maxAge;
  if (maxAge === undefined && ((isCompositeType(target) && !inherit) || root)) return 0;
  return maxAge;
}

/**
 * The plan of a query operation, or null when it is not one the direct path may run: a root field
 * that is not reference data, a field of a type whose answer may depend on the viewer, an
 * abstract type, a directive (@skip, @include) whose outcome is only known per request, or cache
 * hints that differ between fields (the answer's policy would then depend on which ran).
 */
export function referencePlan(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): ReferencePlan | null {
  if (operation.operation !== 'query') return null;
  const queryType = schema.getQueryType();
  if (!queryType) return null;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const maxAges = new Set<number>();
  const compositeRootFields: string[] = [];

  const visit = (selectionSet: SelectionSetNode, parent: GraphQLObjectType, seen: ReadonlySet<string>): boolean => {
    const root = parent === queryType;
    for (const selection of selectionSet.selections) {
      if (selection.directives?.length) return false;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (selection.typeCondition && selection.typeCondition.name.value !== parent.name) return false;
        if (!visit(selection.selectionSet, parent, seen)) return false;
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value) || fragment.typeCondition.name.value !== parent.name) return false;
        if (!visit(fragment.selectionSet, parent, new Set([...seen, fragment.name.value]))) return false;
        continue;
      }
      const name = selection.name.value;
      if (name === '__typename') continue;
      if (name.startsWith('__') || !REFERENCE_TYPES.has(parent.name) || (root && !REFERENCE_ROOT_FIELDS.has(name))) return false;
      const field = parent.getFields()[name];
      if (!field) return false;
      const maxAge = fieldMaxAge(field, root);
      if (maxAge !== undefined) maxAges.add(maxAge);
      const target = getNamedType(field.type);
      if (isCompositeType(target)) {
        if (!isObjectType(target) || !selection.selectionSet) return false;
        if (root) compositeRootFields.push(selection.alias?.value ?? name);
        if (!visit(selection.selectionSet, target, seen)) return false;
      }
    }
    return true;
  };

  if (operation.directives?.length || !visit(operation.selectionSet, queryType, new Set())) return null;
  if (maxAges.size !== 1) return null;
  const [maxAgeSeconds] = maxAges;
  return maxAgeSeconds > 0 ? { maxAgeSeconds, compositeRootFields } : null;
}

/** Whether any nested field ran: what makes the response cache tag an answer `dataset`. */
export function resolvedNested(data: Record<string, unknown>, plan: ReferencePlan): boolean {
  const holdsObject = (value: unknown): boolean => (Array.isArray(value) ? value.some(holdsObject) : value !== null && value !== undefined);
  return plan.compositeRootFields.some((field) => holdsObject(data[field]));
}
