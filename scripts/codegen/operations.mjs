// @ts-check
/**
 * Shared by the graphql-codegen plugins in this folder: turns the documents codegen loaded from
 * schema/operations/*.graphql into one self-contained text per named operation (the operation,
 * then every fragment it uses, transitively, sorted by name), and that text's sha256.
 *
 * The text is what the SDK sends and what schema/operations/manifest.json maps each hash to, so
 * a request's `sha256(query)` always equals its manifest key.
 */
import { createHash } from 'node:crypto';
import { Kind, print, visit } from 'graphql';

/**
 * @typedef {{ document?: import('graphql').DocumentNode, location?: string }} DocumentFile
 * @typedef {{ name: string, type: 'query' | 'mutation' | 'subscription', document: string, hash: string,
 *   variables: { name: string, required: boolean }[], description: string | null, location: string | undefined,
 *   node: import('graphql').OperationDefinitionNode }} NamedOperation
 * @typedef {{ path: string[], list: 'edges' | 'nodes' }} Connection
 */

/** @param {string} text */
export const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

/** @param {string} name `PreviewComposition` -> `previewComposition` */
export const methodName = (name) => name.charAt(0).toLowerCase() + name.slice(1);

/**
 * The `#` comment lines directly above an operation, as its description.
 * @param {string | undefined} source @param {number} start
 */
function leadingComment(source, start) {
  if (!source) return null;
  const lines = source.slice(0, start).split('\n');
  lines.pop(); // the text before the keyword on the operation's own line
  const comment = [];
  while (lines.length && /^\s*#/.test(lines[lines.length - 1])) comment.unshift(lines.pop().replace(/^\s*#\s?/, ''));
  return comment.length ? comment.join('\n') : null;
}

/**
 * @param {DocumentFile[]} files
 * @returns {NamedOperation[]} sorted by name
 */
export function namedOperations(files) {
  /** @type {Map<string, import('graphql').FragmentDefinitionNode>} */
  const fragments = new Map();
  /** @type {{ node: import('graphql').OperationDefinitionNode, location: string | undefined }[]} */
  const operations = [];
  for (const file of files) {
    for (const definition of file.document?.definitions ?? []) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) {
        if (fragments.has(definition.name.value)) throw new Error(`Fragment ${definition.name.value} is defined twice (${file.location})`);
        fragments.set(definition.name.value, definition);
      } else if (definition.kind === Kind.OPERATION_DEFINITION) {
        if (!definition.name) throw new Error(`Every operation in schema/operations must be named (${file.location})`);
        operations.push({ node: definition, location: file.location });
      }
    }
  }

  /** @param {import('graphql').ASTNode} node @param {Set<string>} seen */
  const collectSpreads = (node, seen) => {
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        if (seen.has(name)) return;
        const fragment = fragments.get(name);
        if (!fragment) throw new Error(`Unknown fragment ...${name}`);
        seen.add(name);
        collectSpreads(fragment, seen);
      },
    });
    return seen;
  };

  const names = new Set();
  const result = operations.map(({ node, location }) => {
    const name = /** @type {string} */ (node.name?.value);
    if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) throw new Error(`Operation names are PascalCase: ${name} (${location})`);
    if (names.has(name)) throw new Error(`Operation ${name} is defined twice (${location})`);
    names.add(name);
    const used = [...collectSpreads(node, new Set())].sort();
    const document = [print(node), ...used.map((fragment) => print(/** @type {any} */ (fragments.get(fragment))))].join('\n\n');
    const source = node.loc?.source.body;
    return {
      name,
      type: node.operation === 'query' ? 'query' : node.operation === 'mutation' ? 'mutation' : 'subscription',
      document,
      hash: sha256(document),
      variables: (node.variableDefinitions ?? []).map((v) => ({
        name: v.variable.name.value,
        required: v.type.kind === Kind.NON_NULL_TYPE && !v.defaultValue,
      })),
      description: node.loc ? leadingComment(source, node.loc.start) : null,
      location,
      node,
    };
  });
  return /** @type {NamedOperation[]} */ (result).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * The connection a query pages through: a query taking `$first` and `$after` whose selection
 * reaches (through single objects, by response key) a field selecting `pageInfo { hasNextPage
 * endCursor }` and `edges { node }` or `nodes`. Null for every other operation.
 * @param {NamedOperation} operation
 * @returns {Connection | null}
 */
export function connectionOf(operation) {
  const names = new Set(operation.variables.map((v) => v.name));
  if (operation.type !== 'query' || !names.has('first') || !names.has('after')) return null;
  /** @param {import('graphql').SelectionSetNode | undefined} set */
  const fields = (set) => (set?.selections ?? []).filter((s) => s.kind === Kind.FIELD);
  /** @param {import('graphql').SelectionSetNode | undefined} set @param {string} name */
  const child = (set, name) => fields(set).find((f) => /** @type {import('graphql').FieldNode} */ (f).name.value === name);
  /** @param {import('graphql').SelectionSetNode | undefined} set @param {string[]} path @returns {Connection | null} */
  const search = (set, path) => {
    for (const selection of fields(set)) {
      const field = /** @type {import('graphql').FieldNode} */ (selection);
      const key = field.alias?.value ?? field.name.value;
      const pageInfo = child(field.selectionSet, 'pageInfo');
      if (pageInfo) {
        const info = /** @type {import('graphql').FieldNode} */ (pageInfo).selectionSet;
        if (!child(info, 'hasNextPage') || !child(info, 'endCursor')) {
          throw new Error(`${operation.name}: a paginated connection selects pageInfo { hasNextPage endCursor }`);
        }
        const edges = /** @type {import('graphql').FieldNode | undefined} */ (child(field.selectionSet, 'edges'));
        if (edges && child(edges.selectionSet, 'node')) return { path: [...path, key], list: 'edges' };
        if (child(field.selectionSet, 'nodes')) return { path: [...path, key], list: 'nodes' };
        throw new Error(`${operation.name}: a paginated connection selects edges { node } or nodes`);
      }
      const found = search(field.selectionSet, [...path, key]);
      if (found) return found;
    }
    return null;
  };
  return search(operation.node.selectionSet, []);
}
