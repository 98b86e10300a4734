import { readFile } from 'node:fs/promises';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { PERSISTED_OPERATIONS_FILE } from '../paths.js';

export interface PersistedOperation {
  document: string;
  kind: OperationDefinitionNode['operation'];
  name: string | null;
  /** `query.airport`: the label /metrics uses for the operation. */
  label: string;
  /** Its parsed definition: the variables it declares make its cache key, undeclared ones do not. */
  definition: OperationDefinitionNode;
}

/** What Apollo's automatic persisted queries store needs (its KeyValueCache interface). */
export interface DocumentStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<boolean>;
}

const APQ_PREFIX = 'apq:';
/** Documents clients register at run time (automatic persisted queries), beyond the manifest. */
const MAX_REGISTERED_DOCUMENTS = 2_000;

/**
 * The persisted operations of schema/operations: clients send a sha256 instead of the document,
 * over GET too, so a hot answer is served from the cache without reading a body or parsing.
 */
export class PersistedOperations {
  private constructor(private readonly operations: Map<string, PersistedOperation>) {}

  static async load(file: string = PERSISTED_OPERATIONS_FILE): Promise<PersistedOperations> {
    const manifest = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
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

  /**
   * Apollo's persisted-query store: the manifest's documents always answer; documents clients
   * register are kept too, the oldest dropped first past a bound.
   */
  documentStore(): DocumentStore {
    const registered = new Map<string, string>();
    return {
      get: async (key) => {
        const hash = key.startsWith(APQ_PREFIX) ? key.slice(APQ_PREFIX.length) : key;
        return this.operations.get(hash)?.document ?? registered.get(key);
      },
      set: async (key, value) => {
        registered.set(key, value);
        if (registered.size > MAX_REGISTERED_DOCUMENTS) registered.delete(registered.keys().next().value!);
      },
      delete: async (key) => registered.delete(key),
    };
  }
}
