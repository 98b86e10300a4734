import { Kind, parse, print, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import type { OperationDefinition } from './transport.js';

/**
 * The type marker graphql-codegen puts on the documents it generates (`TypedDocumentNode` of
 * `@graphql-typed-document-node/core`, and the client preset's `TypedDocumentString`): result and
 * variables types travel with the document.
 */
export interface DocumentTypeDecoration<TResult, TVariables> {
  __apiType?: (variables: TVariables) => TResult;
}

/** A document from the partner's own codegen run: an AST or a string, typed by its decoration. */
export type TypedDocument<TResult = Record<string, unknown>, TVariables = Record<string, unknown>> = (DocumentNode | string | String) & DocumentTypeDecoration<TResult, TVariables>;

const cache = new WeakMap<object, OperationDefinition>();

/**
 * A custom document as the transport's operation: its text, the name and type of its (only, or
 * first) operation. It has no manifest hash, so it is always sent as text.
 */
export function operationOfDocument(document: TypedDocument<unknown, unknown>): OperationDefinition {
  const key = typeof document === 'object' ? document : null;
  const cached = key && cache.get(key);
  if (cached) return cached;
  const text = typeof document === 'string' || document instanceof String ? String(document) : print(document);
  const ast = typeof document === 'string' || document instanceof String ? parse(text) : document;
  const operations = ast.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1) throw new TypeError(`client.request: the document must hold exactly one operation, found ${operations.length}`);
  const [operation] = operations;
  const result: OperationDefinition = { name: operation.name?.value ?? '', type: operation.operation, hash: '', document: text };
  if (key) cache.set(key, result);
  return result;
}
