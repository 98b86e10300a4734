import { AeroMelodyError } from './errors.js';
import type { ConnectionDefinition, OperationDefinition, PaginateOptions, RequestOptions } from './transport.js';

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 100;

interface ConnectionPage {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges?: { node: unknown }[];
  nodes?: unknown[];
}

type Execute = (operation: OperationDefinition, variables: unknown, options?: RequestOptions) => Promise<unknown>;

/** Every node of a connection, page after page (`first` = page size, `after` = the last end cursor). */
export async function* paginate(
  execute: Execute,
  operation: OperationDefinition,
  connection: ConnectionDefinition,
  variables: object | undefined,
  options: PaginateOptions = {},
): AsyncGenerator<unknown, void, undefined> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new AeroMelodyError(`paginate: pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${pageSize}`, { code: 'BAD_USER_INPUT', operationName: operation.name });
  }
  const limit = options.limit ?? Infinity;
  let yielded = 0;
  let after: string | undefined;
  while (yielded < limit) {
    const data = await execute(operation, { ...variables, first: Math.min(pageSize, limit - yielded), after }, options);
    let page: unknown = data;
    for (const key of connection.path) page = (page as Record<string, unknown> | null | undefined)?.[key];
    // A parent that is null (an unknown user or piece) has no pages.
    if (!page) return;
    const { pageInfo, edges, nodes } = page as ConnectionPage;
    for (const node of connection.list === 'edges' ? (edges ?? []).map((edge) => edge.node) : (nodes ?? [])) {
      yield node;
      if (++yielded >= limit) return;
    }
    if (!pageInfo.hasNextPage || !pageInfo.endCursor) return;
    after = pageInfo.endCursor;
  }
}
