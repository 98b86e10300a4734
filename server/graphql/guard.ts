import {
  GraphQLError,
  Kind,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  valueFromASTUntyped,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql';
import type { BatchedRateLimiter } from '../adapters/rate-limiter.js';
import { maskFormattedError, RateLimitedError } from '../errors.js';
import { MAX_QUERY_COST, MAX_QUERY_TOKENS, operationCost, shapeRules } from './limits.js';

/**
 * The one set of rules every door applies (POST, GET, the persisted-GET fast path, graphql-ws):
 * the token limit while parsing, the validation rules (shape, then graphql-js's own), the
 * introspection policy, the cost with variables, the rate limit of the viewer or address, and
 * what a client may read of an error. Apollo's pipeline calls it through `guardPlugin`, graphql-ws
 * from `onSubscribe`; invalidation and analytics are Apollo plugins every door's query and
 * mutation pass through (graphql-ws runs them with `executeOperation`).
 */

export interface GuardSettings {
  production: boolean;
  /** INTROSPECTION=on: anyone may introspect; off: only a request carrying the playground key. */
  introspection: boolean;
  playgroundKey: string | undefined;
}

/** The outcome of parsing and validating one query text, kept for the next request with the same bytes. */
export interface PreparedDocument {
  document: DocumentNode | null;
  errors: readonly GraphQLError[];
}

/** Who asks: the rate limit counts per viewer when signed in, per address otherwise. */
export interface Asker {
  viewerId: number | null;
  clientAddress: string;
}

/** Distinct query texts remembered parsed and validated (the oldest forgotten first). */
const MAX_PREPARED_DOCUMENTS = 2_000;
/** Longer texts are prepared every time: a client cannot fill the memory with huge unique queries. */
const MAX_REMEMBERED_QUERY_LENGTH = 20_000;
const SUGGESTION = / ?Did you mean .+\?$/;

const introspects = (document: DocumentNode, operation: OperationDefinitionNode): boolean => {
  const fields = rootFieldNames(document, operation);
  return fields.has('__schema') || fields.has('__type');
};

export class RequestGuard {
  /** In addition to graphql-js's specified rules (Apollo adds those itself). */
  readonly validationRules: ValidationRule[] = shapeRules();
  readonly parseOptions = { maxTokens: MAX_QUERY_TOKENS };
  private readonly allRules: ValidationRule[] = [...specifiedRules, ...this.validationRules];
  private readonly prepared = new Map<string, PreparedDocument>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly settings: GuardSettings,
    private readonly limiter: BatchedRateLimiter | null,
  ) {}

  /** Parses (under the token limit) and validates a query text; the same bytes reuse the outcome. */
  prepare(query: string): PreparedDocument {
    const known = this.prepared.get(query);
    if (known) return known;
    let outcome: PreparedDocument;
    try {
      const document = parse(query, this.parseOptions);
      const errors = validate(this.schema, document, this.allRules).map((error) => new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
      outcome = { document: errors.length === 0 ? document : null, errors };
    } catch (error) {
      const syntax = error instanceof GraphQLError ? error : new GraphQLError(String(error));
      outcome = { document: null, errors: [new GraphQLError(syntax.message, { source: syntax.source, positions: syntax.positions, extensions: { code: 'GRAPHQL_PARSE_FAILED' } })] };
    }
    if (query.length <= MAX_REMEMBERED_QUERY_LENGTH) {
      if (this.prepared.size >= MAX_PREPARED_DOCUMENTS) this.prepared.delete(this.prepared.keys().next().value!);
      this.prepared.set(query, outcome);
    }
    return outcome;
  }

  /** Whether a request may introspect, given the `x-playground-key` it carries (header or connection parameter). */
  mayIntrospect(playgroundKey: unknown): boolean {
    return this.settings.introspection || (this.settings.playgroundKey !== undefined && playgroundKey === this.settings.playgroundKey);
  }

  /** The checks that need the operation and its variables: introspection policy and cost. */
  operationErrors(document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined, mayIntrospect: boolean): GraphQLError[] {
    if (!mayIntrospect && introspects(document, operation)) {
      return [new GraphQLError('Introspection is disabled on this server', { extensions: { code: 'FORBIDDEN', http: { status: 403 } } })];
    }
    if (operationCost(this.schema, document, operation, withDefaults(operation, variables)) > MAX_QUERY_COST) {
      return [
        new GraphQLError('This query asks for too much at once: request fewer items (first) or fewer nested lists', {
          extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } },
        }),
      ];
    }
    return [];
  }

  /** Everything about one operation before it runs: the errors to answer with, or none. */
  check(query: string, operationName: string | null | undefined, variables: Record<string, unknown> | undefined, mayIntrospect: boolean) {
    const { document, errors } = this.prepare(query);
    if (!document) return { document: null, operation: null, errors };
    const operation = getOperationAST(document, operationName);
    if (!operation) return { document, operation: null, errors: [new GraphQLError('Unable to identify the operation to run', { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } })] };
    return { document, operation, errors: this.operationErrors(document, operation, variables, mayIntrospect) };
  }

  /** Charges one request to the asker's budget: the error to answer with when it is spent. */
  admit(asker: Asker): RateLimitedError | null {
    if (!this.limiter) return null;
    const decision = this.limiter.admit(asker.viewerId !== null ? `api:user:${asker.viewerId}` : `api:address:${asker.clientAddress}`);
    return decision.allowed ? null : new RateLimitedError(decision.retryAfterSeconds);
  }

  /** What a client reads of an error, the same over every door: expected errors as they are, the rest masked. */
  format(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
    // `http` is for the HTTP door's status line (Apollo strips it); no client reads it in a body.
    const { http: _http, ...extensions } = formatted.extensions ?? {};
    const masked = maskFormattedError(formatted.extensions ? { ...formatted, extensions } : formatted, error, !this.settings.production);
    // Suggestions name fields a prober did not know: hidden in production.
    return this.settings.production && SUGGESTION.test(masked.message) ? { ...masked, message: masked.message.replace(SUGGESTION, '') } : masked;
  }

  dispose(): void {
    this.limiter?.dispose();
  }
}

/** Variables as the operation will see them: declared defaults filled in, undeclared ones dropped. */
export function declaredVariables(operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): Record<string, unknown> {
  const declared: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (variables && Object.hasOwn(variables, name)) declared[name] = variables[name];
  }
  return declared;
}

function withDefaults(operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): Record<string, unknown> {
  const values = declaredVariables(operation, variables);
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (values[name] == null && definition.defaultValue) values[name] = valueFromASTUntyped(definition.defaultValue);
  }
  return values;
}

/** The root fields an operation selects, through fragments too. */
export function rootFieldNames(document: DocumentNode, operation: OperationDefinitionNode): Set<string> {
  const names = new Set<string>();
  const fragments = new Map(document.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [])));
  const visit = (selectionSet: SelectionSetNode, seen: Set<string>) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet, seen);
      else if (!seen.has(selection.name.value)) {
        const fragment = fragments.get(selection.name.value);
        if (fragment) visit(fragment.selectionSet, new Set([...seen, selection.name.value]));
      }
    }
  };
  visit(operation.selectionSet, new Set());
  return names;
}
