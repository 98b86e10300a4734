// @ts-check
/**
 * graphql-codegen plugin: app/src/generated/reference.json, the API reference the web app serves
 * at /docs — every type with its description, fields, arguments and enum values, the root
 * operations with the named operations of schema/operations that use them as examples, and the
 * error codes of schema/error-codes.json.
 */
import { readFileSync } from 'node:fs';
import { Kind, astFromValue, isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType, isUnionType, print } from 'graphql';
import { namedOperations } from './operations.mjs';

/** @param {import('graphql').GraphQLArgument | import('graphql').GraphQLInputField} input */
const inputOf = (input) => ({
  name: input.name,
  type: String(input.type),
  description: input.description ?? null,
  defaultValue: input.defaultValue === undefined ? null : print(/** @type {import('graphql').ValueNode} */ (astFromValue(input.defaultValue, input.type))),
});

/** @param {import('graphql').GraphQLNamedType} type */
function describeType(type) {
  const base = { name: type.name, description: type.description ?? null };
  if (isObjectType(type) || isInterfaceType(type)) {
    return {
      ...base,
      kind: isObjectType(type) ? 'OBJECT' : 'INTERFACE',
      interfaces: type.getInterfaces().map((i) => i.name),
      fields: Object.values(type.getFields()).map((field) => ({
        name: field.name,
        type: String(field.type),
        description: field.description ?? null,
        deprecationReason: field.deprecationReason ?? null,
        args: field.args.map(inputOf),
      })),
    };
  }
  if (isInputObjectType(type)) return { ...base, kind: 'INPUT_OBJECT', fields: Object.values(type.getFields()).map((field) => ({ ...inputOf(field), args: [] })) };
  if (isEnumType(type)) return { ...base, kind: 'ENUM', values: type.getValues().map((value) => ({ name: value.name, description: value.description ?? null })) };
  if (isUnionType(type)) return { ...base, kind: 'UNION', possibleTypes: type.getTypes().map((t) => t.name) };
  if (isScalarType(type)) return { ...base, kind: 'SCALAR' };
  return { ...base, kind: 'OTHER' };
}

/** @type {import('@graphql-codegen/plugin-helpers').PluginFunction} */
export const plugin = (schema, documents) => {
  const operations = namedOperations(documents);
  /** @type {Record<string, { name: string, description: string | null, document: string }[]>} */
  const examples = {};
  for (const operation of operations) {
    for (const selection of operation.node.selectionSet.selections) {
      if (selection.kind !== Kind.FIELD) continue;
      const key = `${operation.type}.${selection.name.value}`;
      (examples[key] ??= []).push({ name: operation.name, description: operation.description, document: operation.document });
    }
  }
  const roots = /** @type {const} */ ([
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ]);
  const types = Object.values(schema.getTypeMap())
    .filter((type) => !type.name.startsWith('__') && !roots.some(([, root]) => root?.name === type.name))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(describeType);
  const errorCodes = JSON.parse(readFileSync(new URL('../../schema/error-codes.json', import.meta.url), 'utf8'));
  const reference = {
    operations: roots.flatMap(([kind, root]) =>
      root
        ? Object.values(root.getFields()).map((field) => ({
            kind,
            name: field.name,
            type: String(field.type),
            description: field.description ?? null,
            args: field.args.map(inputOf),
            examples: examples[`${kind}.${field.name}`] ?? [],
          }))
        : [],
    ),
    types,
    errorCodes: Object.entries(errorCodes).map(([code, description]) => ({ code, description })),
  };
  return `${JSON.stringify(reference, null, 1)}\n`;
};

export default { plugin };
