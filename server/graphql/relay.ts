import { Field, ID, Int, InterfaceType, ObjectType, ArgsType } from 'type-graphql';
import type { ClassType } from 'type-graphql';
import { IsOptional, Max, Min, MaxLength } from 'class-validator';
import { BadUserInputError } from '../errors.js';
import { InheritCacheHint } from './cache-control.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** Relay global ids: base64url of "Type:key", opaque to clients and stable across re-imports. */
export function toGlobalId(type: string, key: string | number): string {
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64url');
}

export function fromGlobalId(globalId: string): { type: string; key: string } | null {
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator <= 0 || toGlobalId(decoded.slice(0, separator), decoded.slice(separator + 1)) !== globalId) return null;
  return { type: decoded.slice(0, separator), key: decoded.slice(separator + 1) };
}

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

@InterfaceType('Node', {
  description: 'An object with a global id, fetchable with `node(id:)` or, several at once, `nodes(ids:)`.',
  resolveType: (value: { __typename?: string }) => value.__typename,
})
export abstract class Node {
  @Field(() => ID, { description: 'Global id (opaque; stable across data re-imports).' })
  id!: string;
}

@InheritCacheHint()
@ObjectType('PageInfo')
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether more nodes follow: ask again with `after: endCursor`.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'Whether nodes come before this page (it was asked with `after`).' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first edge; null for an empty page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge, for `after`; null for an empty page.' })
  endCursor!: string | null;
}

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: `Page size, 1 to ${MAX_PAGE_SIZE} (default 20).` })
  @IsOptional()
  @Min(1, { message: 'first must be at least 1' })
  @Max(MAX_PAGE_SIZE, { message: `first must be at most ${MAX_PAGE_SIZE}` })
  first?: number;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge already seen.' })
  @IsOptional()
  @MaxLength(200)
  after?: string;
}

/** A count known already, or a query to run only if the client selects `totalCount`. */
export type Lazy<T> = T | (() => Promise<T>);

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  readonly totalCount: number | Promise<number>;
}

/** Builds a page from up to first+1 rows fetched after the cursor (the extra row tells hasNextPage). */
export function toPage<T extends { id: number }>(
  rows: T[],
  first: number,
  after: number | undefined,
  totalCount: Lazy<number>,
): Page<T> {
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

/** The object types of a Relay connection over `nodeType`, named `<name>Connection` and `<name>Edge`. */
export function connectionTypes<T extends object>(nodeType: ClassType<T>, name: string) {
  @InheritCacheHint()
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => String, { description: 'Pass as `after` to continue after this edge.' })
    cursor!: string;

    @Field(() => nodeType, { description: 'The object.' })
    node!: T;
  }

  @InheritCacheHint()
  @ObjectType(`${name}Connection`)
  class Connection {
    @Field(() => [Edge], { description: 'The page\'s nodes with their cursors.' })
    edges!: Edge[];

    @Field(() => [nodeType], { description: 'The nodes of `edges`, for clients that need no cursors.' })
    nodes!: T[];

    @Field(() => PageInfo, { description: 'Where the page is: cursors and whether more follow.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many nodes match, over all pages.' })
    totalCount!: number | Promise<number>;
  }

  return Connection;
}
