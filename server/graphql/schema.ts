import { writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { createPubSub } from '@graphql-yoga/subscription';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { resolverClasses } from '../composition-root.js';
import { SCHEMA_FILE } from '../paths.js';
import { validateArguments } from '../modules/shared/validation.js';
import { authChecker } from './auth-checker.js';
import { cacheControlDirective } from './cache-control.js';

/**
 * The schema of every module's resolvers; `instances` holds one resolver per class, built from
 * the services by the composition root (no global container). Without it (emitting the schema
 * file) no resolver can run.
 */
export async function createSchema(instances: ReadonlyMap<Function, object> | null): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: resolverClasses() as NonEmptyArray<Function>,
    container: {
      get: (resolverClass: Function) => {
        const instance = instances?.get(resolverClass);
        if (!instance) throw new Error(`No instance for resolver ${resolverClass.name}`);
        return instance;
      },
    },
    validateFn: validateArguments,
    authChecker,
    directives: [cacheControlDirective],
    // Every subscription brings its own `subscribe` (it checks who may listen, then reads Redis
    // pub/sub), but type-graphql insists on a PubSub being configured; this one stays unused.
    pubSub: createPubSub(),
  });
}

/** The schema as committed in schema/schema.graphql: sorted, so the file diffs cleanly. */
export function printSchemaFile(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

export async function emitSchemaFile(file: string = SCHEMA_FILE): Promise<string> {
  const text = printSchemaFile(await createSchema(null));
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
  return file;
}
