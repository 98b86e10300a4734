import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, fromGlobalId, MAX_PAGE_SIZE, toGlobalId, toPage } from '../../../server/graphql/relay.js';

function decodeError(cursor: string): GraphQLError {
  try {
    decodeCursor(cursor);
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    return error as GraphQLError;
  }
  throw new Error(`decodeCursor accepted ${JSON.stringify(cursor)}`);
}

describe('global ids', () => {
  it('round-trips type and key', () => {
    for (const [type, key] of [
      ['Airport', 3797],
      ['Airline', -1],
      ['Route', '3797>3484'],
      ['Airport', 'with:colon'],
      ['Airport', 'Zürich 東京'],
      ['Airport', ''],
    ] as const) {
      const id = toGlobalId(type, key);
      expect(fromGlobalId(id)).toEqual({ type, key: String(key) });
    }
  });

  it('is opaque base64url text without padding', () => {
    const id = toGlobalId('Airport', 3797);
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(id).not.toContain('Airport');
    expect(Buffer.from(id, 'base64url').toString('utf8')).toBe('Airport:3797');
  });

  it('gives different ids to different types with the same key', () => {
    expect(toGlobalId('Airport', 1)).not.toBe(toGlobalId('Airline', 1));
    expect(fromGlobalId(toGlobalId('Airline', 1))?.type).toBe('Airline');
  });

  it('returns null for garbage', () => {
    expect(fromGlobalId('')).toBeNull();
    expect(fromGlobalId('!!!')).toBeNull();
    expect(fromGlobalId('not an id at all')).toBeNull();
    // Decodes, but has no "Type:" prefix.
    expect(fromGlobalId(Buffer.from('Airport3797').toString('base64url'))).toBeNull();
    // Empty type.
    expect(fromGlobalId(Buffer.from(':3797').toString('base64url'))).toBeNull();
    // Standard base64 with padding is not the canonical spelling.
    const padded = Buffer.from('Airport:12').toString('base64');
    expect(padded.endsWith('=')).toBe(true);
    expect(fromGlobalId(padded)).toBeNull();
    expect(fromGlobalId(toGlobalId('Airport', 12))).toEqual({ type: 'Airport', key: '12' });
    // A valid id with junk appended.
    expect(fromGlobalId(`${toGlobalId('Airport', 1)}$$`)).toBeNull();
  });
});

describe('cursors', () => {
  it('round-trips ids, negative ones included', () => {
    for (const id of [0, 1, 42, 3797, -1, -42, 2_147_483_647, -2_147_483_648]) {
      expect(decodeCursor(encodeCursor(id))).toBe(id);
    }
  });

  it('treats a missing cursor as no cursor', () => {
    expect(decodeCursor(undefined)).toBeUndefined();
    expect(decodeCursor(null)).toBeUndefined();
  });

  it('gives distinct cursors to distinct ids', () => {
    expect(encodeCursor(1)).not.toBe(encodeCursor(-1));
    expect(encodeCursor(12)).not.toBe(encodeCursor(21));
  });

  it('rejects a tampered cursor with BAD_USER_INPUT', () => {
    const good = encodeCursor(3797);
    // Cursors are not signed: changing the digits yields another valid cursor, so tampering here
    // means anything that is not exactly how encodeCursor spells "cursor:<integer>".
    const tampered = [
      `${good}!`,
      `${good}.`,
      `${good}=`,
      `Z${good.slice(1)}`,
      Buffer.from('cursor:3797').toString('base64'),
      Buffer.from('Cursor:3797').toString('base64url'),
      Buffer.from('cursor:').toString('base64url'),
      Buffer.from('cursor:1.5').toString('base64url'),
      Buffer.from('cursor:12345678901').toString('base64url'),
      Buffer.from('cursor:abc').toString('base64url'),
      Buffer.from('cursor:007').toString('base64url'),
      Buffer.from('cursor:1 ').toString('base64url'),
      Buffer.from('Airport:1').toString('base64url'),
      toGlobalId('Airport', 1),
      '',
      '!!!',
    ];
    for (const cursor of tampered) {
      const error = decodeError(cursor);
      expect(error.extensions.code, cursor).toBe('BAD_USER_INPUT');
      expect(error.message).toContain('"after" is not a cursor this API returned');
    }
  });

  it('quotes at most 40 characters of a bad cursor in the message', () => {
    const error = decodeError('x'.repeat(500));
    expect(error.message).toContain('x'.repeat(40));
    expect(error.message).not.toContain('x'.repeat(41));
  });
});

describe('toPage', () => {
  const rows = (ids: number[]) => ids.map((id) => ({ id, name: `row ${id}` }));

  it('has a next page when first+1 rows came back, and drops the extra row', () => {
    const page = toPage(rows([1, 2, 3, 4]), 3, undefined, 10);
    expect(page.nodes.map((n) => n.id)).toEqual([1, 2, 3]);
    expect(page.edges.map((e) => e.node.id)).toEqual([1, 2, 3]);
    expect(page.edges.map((e) => decodeCursor(e.cursor))).toEqual([1, 2, 3]);
    expect(page.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: encodeCursor(1),
      endCursor: encodeCursor(3),
    });
    expect(page.totalCount).toBe(10);
  });

  it('has no next page when exactly first rows came back', () => {
    const page = toPage(rows([5, 6, 7]), 3, undefined, 3);
    expect(page.nodes).toHaveLength(3);
    expect(page.pageInfo.hasNextPage).toBe(false);
    expect(page.pageInfo.endCursor).toBe(encodeCursor(7));
  });

  it('has no next page when fewer rows came back', () => {
    const page = toPage(rows([8]), 3, 7, 8);
    expect(page.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: true,
      startCursor: encodeCursor(8),
      endCursor: encodeCursor(8),
    });
  });

  it('has a previous page whenever a cursor was given, even cursor 0', () => {
    expect(toPage(rows([1, 2]), 5, 0, 2).pageInfo.hasPreviousPage).toBe(true);
    expect(toPage(rows([1, 2]), 5, -3, 2).pageInfo.hasPreviousPage).toBe(true);
    expect(toPage(rows([1, 2]), 5, undefined, 2).pageInfo.hasPreviousPage).toBe(false);
  });

  it('gives null cursors for an empty page', () => {
    const page = toPage(rows([]), 20, 99, 5);
    expect(page.nodes).toEqual([]);
    expect(page.edges).toEqual([]);
    expect(page.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null });
  });

  it('lets the end cursor fetch the next page', () => {
    const all = rows([2, 4, 6, 8, 10, 12, 14]);
    const fetch = (first: number, after: number | undefined) => all.filter((r) => after === undefined || r.id > after).slice(0, first + 1);
    const seen: number[] = [];
    let after: number | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const page = toPage(fetch(3, after), 3, after, all.length);
      seen.push(...page.nodes.map((n) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      after = decodeCursor(page.pageInfo.endCursor);
    }
    expect(seen).toEqual([2, 4, 6, 8, 10, 12, 14]);
  });

  it('runs a lazy total count only when totalCount is read', async () => {
    let calls = 0;
    const total = async () => {
      calls++;
      return 7;
    };
    const page = toPage(rows([1, 2]), 1, undefined, total);
    expect(calls).toBe(0);
    expect(page.nodes).toHaveLength(1);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(calls).toBe(0);
    await expect(page.totalCount).resolves.toBe(7);
    expect(calls).toBe(1);
  });

  it('passes a known total count through as a number', () => {
    expect(toPage(rows([1]), 1, undefined, 42).totalCount).toBe(42);
    expect(toPage(rows([]), 1, undefined, 0).totalCount).toBe(0);
  });

  it('caps page sizes at 100', () => {
    expect(MAX_PAGE_SIZE).toBe(100);
  });
});
