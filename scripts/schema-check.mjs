#!/usr/bin/env node
// @ts-check
/**
 * `npm run schema:check`: compares schema/released.graphql (the last release) with
 * schema/schema.graphql and exits 1 on a breaking change that CHANGELOG.md does not list under
 * "Unreleased" -> "Breaking (deliberate)". See scripts/schema-compat.mjs for the rules.
 *
 * Options: --released <file> --current <file> --changelog <file> (defaults: the repository's).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { checkSchemaEvolution } from './schema-compat.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const { values } = parseArgs({
  options: {
    released: { type: 'string', default: resolve(root, 'schema/released.graphql') },
    current: { type: 'string', default: resolve(root, 'schema/schema.graphql') },
    changelog: { type: 'string', default: resolve(root, 'CHANGELOG.md') },
  },
});

const [released, current, changelog] = await Promise.all([values.released, values.current, values.changelog].map((file) => readFile(/** @type {string} */ (file), 'utf8')));
let result;
try {
  result = checkSchemaEvolution({ released, current, changelog });
} catch (error) {
  console.error(`schema:check: cannot compare the schemas: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}

for (const change of result.dangerous) console.log(`dangerous   ${change.type}: ${change.description}`);
for (const change of result.deliberate) console.log(`deliberate  ${change.type}: ${change.description}`);
for (const mark of result.staleMarks) console.log(`note        CHANGELOG.md marks a break the schema does not have: \`${mark}\``);
for (const change of result.unmarked) console.error(`BREAKING    ${change.type}: ${change.description}`);

if (result.unmarked.length > 0) {
  console.error(
    [
      '',
      `schema:check: ${result.unmarked.length} breaking change(s) against schema/released.graphql.`,
      'Partners would break silently. Either keep the old field/argument (deprecate it with',
      '@deprecated(reason: "...")), or, when the break is deliberate, list each one in CHANGELOG.md:',
      '',
      '## Unreleased',
      '',
      '### Breaking (deliberate)',
      '',
      ...result.unmarked.map((change) => `- \`${change.description}\` <what partners should do instead>`),
    ].join('\n'),
  );
  process.exit(1);
}
const breaks = result.breaking.length === 0 ? 'no breaking changes' : `${result.breaking.length} breaking change(s), all marked deliberate`;
console.log(`schema:check: ok: ${breaks}, ${result.dangerous.length} dangerous, against schema/released.graphql`);
