import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { BadUserInputError, ConflictError, INTERNAL_ERROR_MESSAGE, maskFormattedError, RateLimitedError } from '../../server/errors.js';

const format = (error: GraphQLError) => maskFormattedError(error.toJSON(), error);

describe('maskFormattedError', () => {
  it('keeps the message and code of expected errors, without a stack trace', () => {
    const error = new GraphQLError('wrapped', { originalError: new BadUserInputError('from: no airport has the code "QQQ"'), path: ['route'] });
    const formatted = maskFormattedError({ ...error.toJSON(), message: 'from: no airport has the code "QQQ"', extensions: { code: 'BAD_USER_INPUT', stacktrace: ['at x'] } }, error);
    expect(formatted.message).toBe('from: no airport has the code "QQQ"');
    expect(formatted.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(format(new ConflictError('stale', { currentVersion: 3 })).extensions).toEqual({ currentVersion: 3, code: 'CONFLICT' });
    expect(format(new RateLimitedError(12)).extensions).toMatchObject({ retryAfter: 12, code: 'RATE_LIMITED' });
  });

  it('hides everything else behind a generic message and code', () => {
    const leak = new GraphQLError("Table 'aero_melody.users' doesn't exist", { originalError: new Error("Table 'aero_melody.users' doesn't exist"), path: ['viewer'] });
    const formatted = format(leak);
    expect(formatted.message).toBe(INTERNAL_ERROR_MESSAGE);
    expect(formatted.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(formatted.path).toEqual(['viewer']);
    expect(maskFormattedError(leak.toJSON(), leak, true).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', detail: "Table 'aero_melody.users' doesn't exist" });
  });

  it('passes request errors from graphql-js through', () => {
    const validation = new GraphQLError('Cannot query field "nope" on type "Airport".', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(format(validation).message).toBe('Cannot query field "nope" on type "Airport".');
  });
});
