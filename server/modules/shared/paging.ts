import { BadUserInputError } from '../../errors.js';

/**
 * Keyset paging: pages of rows after a cursor, with a count that is only computed when asked for.
 * Plain data, so services page without knowing GraphQL; server/graphql/relay.ts turns a Page into
 * a Relay connection.
 */

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** Cursors carry the last seen row id (keyset pagination: stable while rows are added). */
export function encodeCursor(id: number): string {
  return Buffer.from(`cursor:${id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined | null): number | undefined {
  if (cursor === undefined || cursor === null) return undefined;
  const match = /^cursor:(-?\d{1,10})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match || encodeCursor(Number(match[1])) !== cursor) {
    throw new BadUserInputError(`"after" is not a cursor this API returned: ${JSON.stringify(cursor.slice(0, 40))}`);
  }
  return Number(match[1]);
}

/** Where a page is, in Relay's words (the GraphQL PageInfo type has these fields). */
export interface PageInfoValue {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/** A count known already, or a query to run only if the client selects `totalCount`. */
export type Lazy<T> = T | (() => Promise<T>);

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfoValue;
  readonly totalCount: number | Promise<number>;
}

/** Builds a page from up to first+1 rows fetched after the cursor (the extra row tells hasNextPage). */
export function toPage<T extends { id: number }>(rows: T[], first: number, after: number | undefined, totalCount: Lazy<number>): Page<T> {
  const nodes = rows.slice(0, first);
  let count: number | Promise<number> | undefined;
  const edges = nodes.map((node) => ({ cursor: encodeCursor(node.id), node }));
  return {
    edges,
    nodes,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: after !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    // A getter, because field resolvers read the property: the COUNT query runs only when selected.
    get totalCount() {
      return (count ??= typeof totalCount === 'function' ? totalCount() : totalCount);
    },
  };
}

/**
 * A keyset page: `fetchRows(take, cursorId)` reads up to `take` rows past the decoded cursor (one
 * more than asked, so the page knows whether another follows).
 */
export async function keysetPage<T extends { id: number }>(
  args: { first?: number | null; after?: string | null },
  fetchRows: (take: number, cursorId: number | undefined) => Promise<T[]>,
  totalCount: Lazy<number>,
): Promise<Page<T>> {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  const cursorId = decodeCursor(args.after);
  return toPage(await fetchRows(first + 1, cursorId), first, cursorId, totalCount);
}

/** The same page with every node replaced by `map(node)`; cursors and the lazy count stay. */
export function mapPage<T, U>(page: Page<T>, map: (node: T) => U): Page<U> {
  const nodes = page.nodes.map(map);
  return {
    edges: page.edges.map((edge, i) => ({ cursor: edge.cursor, node: nodes[i] })),
    nodes,
    pageInfo: page.pageInfo,
    get totalCount() {
      return page.totalCount;
    },
  };
}
