/**
 * The schema is a public API: every field, argument and enum value carries a description (the
 * /docs reference and editors show it), and so does every error code (schema/error-codes.json).
 * A new public member without one fails here.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const read = (path: string) => readFileSync(resolve(ROOT, path), 'utf8');

/** `Type.field`, `Type.field(arg)` and `Enum.VALUE` of every public member without a description. */
function undescribed(sdl: string): string[] {
  const missing: string[] = [];
  for (const type of Object.values(buildSchema(sdl).getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) if (!arg.description?.trim()) missing.push(`${type.name}.${field.name}(${arg.name})`);
      }
    }
    if (isEnumType(type)) for (const value of type.getValues()) if (!value.description?.trim()) missing.push(`${type.name}.${value.name}`);
  }
  return missing.sort();
}

describe('descriptions of the public schema', () => {
  const missing = undescribed(read('schema/schema.graphql'));

  it('every field, argument and enum value has a description', () => {
    expect(missing, 'add a `description` to these in their *.type.ts / *.input.ts / resolver').toEqual([]);
  });

  it('finds a missing description (the check itself works)', () => {
    expect(undescribed('type Query { """Documented.""" a(x: Int): Int b: Int } enum E { """Yes.""" A B }')).toEqual(['E.B', 'Query.a(x)', 'Query.b']);
  });

  it('every error code the server raises has a description in schema/error-codes.json', () => {
    const codes = JSON.parse(read('schema/error-codes.json')) as Record<string, string>;
    const union = /export type ErrorCode =([^;]+);/.exec(read('server/errors.ts'))![1];
    const raised = [...union.matchAll(/'([A-Z_]+)'/g)].map((match) => match[1]);
    expect(raised.length).toBeGreaterThan(5);
    for (const code of [...raised, 'INTERNAL_SERVER_ERROR', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']) {
      expect(codes[code]?.length ?? 0, code).toBeGreaterThan(20);
    }
  });
});
