import { Field, ID, Int, InterfaceType, ObjectType, ArgsType } from 'type-graphql';
import type { ClassType } from 'type-graphql';
import { IsOptional, Max, Min, MaxLength } from 'class-validator';
import { BadUserInputError } from '../errors.js';
import { InheritCacheHint } from './cache-control.js';
import { MAX_PAGE_SIZE, type PageInfoValue } from '../modules/shared/paging.js';

// Paging is not GraphQL's: services page too. Resolvers and types keep importing it from here.
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, decodeCursor, encodeCursor, toPage, type Page } from '../modules/shared/paging.js';

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

/**
 * The row id inside a global id of `type`, decoded here at the GraphQL edge so services take plain
 * numbers. Null for an id that names no such row (another type, or not an id at all): the service
 * answers it like a missing row, so a guessed id tells nothing.
 */
export function idOf(globalId: string, type: string): number | null {
  const decoded = fromGlobalId(globalId);
  return decoded?.type === type && /^\d{1,10}$/.test(decoded.key) ? Number(decoded.key) : null;
}

/**
 * The type and key of a global id; BAD_USER_INPUT for text that is not an id this API issued (a
 * client bug, not a miss). Resolvers take the viewer (requireViewer) before decoding, so someone
 * signed out is told UNAUTHENTICATED first, as when services decoded ids.
 */
export function decodeGlobalId(globalId: string): { type: string; key: string } {
  const decoded = fromGlobalId(globalId);
  if (!decoded) throw new BadUserInputError(`"${globalId.slice(0, 60)}" is not an id this API issued`);
  return decoded;
}

/** Like idOf, but BAD_USER_INPUT for text that is not an id at all. */
export function issuedIdOf(globalId: string, type: string): number | null {
  decodeGlobalId(globalId);
  return idOf(globalId, type);
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
export class PageInfo implements PageInfoValue {
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
    @Field(() => [Edge], { description: "The page's nodes with their cursors." })
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
