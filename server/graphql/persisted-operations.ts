import { readFile } from 'node:fs/promises';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { PERSISTED_OPERATIONS_FILE, RETIRED_OPERATIONS_FILE } from '../paths.js';

export interface PersistedOperation {
  document: string;
  kind: OperationDefinitionNode['operation'];
  name: string | null;
  /** `query.airport`: the label /metrics uses for the operation. */
  label: string;
  /** Its parsed definition: the variables it declares make its cache key, undeclared ones do not. */
  definition: OperationDefinitionNode;
}

/**
 * The persisted operations of schema/operations: clients send a sha256 instead of the document,
 * over GET too, so a hot answer is served from the cache without reading a body or parsing.
 */
export class PersistedOperations {
  private constructor(private readonly operations: Map<string, PersistedOperation>) {}

  /** The manifest, and the retired texts an older SDK release may still send (the manifest wins a shared hash). */
  static async load(files: readonly string[] = [RETIRED_OPERATIONS_FILE, PERSISTED_OPERATIONS_FILE]): Promise<PersistedOperations> {
    const manifest: Record<string, string> = {};
    for (const file of files) Object.assign(manifest, JSON.parse(await readFile(file, 'utf8')) as Record<string, string>);
    const operations = new Map<string, PersistedOperation>();
    for (const [hash, document] of Object.entries(manifest)) {
      const definition = parse(document).definitions.find((node): node is OperationDefinitionNode => node.kind === Kind.OPERATION_DEFINITION);
      if (!definition) continue;
      const root = definition.selectionSet.selections.find((selection) => selection.kind === Kind.FIELD);
      operations.set(hash, {
        document,
        kind: definition.operation,
        name: definition.name?.value ?? null,
        label: `${definition.operation}.${root?.kind === Kind.FIELD ? root.name.value : 'unknown'}`,
        definition,
      });
    }
    return new PersistedOperations(operations);
  }

  /** A persisted query (never a mutation: GET must not change anything). */
  query(hash: string): PersistedOperation | undefined {
    const operation = this.operations.get(hash);
    return operation?.kind === 'query' ? operation : undefined;
  }

  /** The manifest's document for a hash, of any operation type (the allow-list and the APQ store read it). */
  document(hash: string): string | undefined {
    return this.operations.get(hash)?.document;
  }
}
