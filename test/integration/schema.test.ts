import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createSchema, printSchemaFile } from '../../server/graphql/schema.js';
import { SCHEMA_FILE } from '../../server/paths.js';

describe('schema/schema.graphql', () => {
  it('matches the schema the code builds (run `npm run schema:emit` after changing types)', async () => {
    const built = printSchemaFile(await createSchema(null));
    const committed = await readFile(SCHEMA_FILE, 'utf8');
    expect(committed).toBe(built);
  });
});
