// @ts-check
/**
 * graphql-codegen plugin: the persisted-operation manifest, `{ "<sha256 hex>": "<document>" }`,
 * one entry per named operation in schema/operations (operation text followed by the fragments
 * it uses). The key is the sha256 of the exact UTF-8 text the SDK sends as `query`.
 */
import { namedOperations } from './operations.mjs';

/** @type {import('@graphql-codegen/plugin-helpers').PluginFunction} */
export const plugin = (_schema, documents) => {
  const manifest = Object.fromEntries(namedOperations(documents).map((operation) => [operation.hash, operation.document]));
  return `${JSON.stringify(manifest, null, 2)}\n`;
};

export default { plugin };
