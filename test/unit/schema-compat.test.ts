import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { checkSchemaEvolution, deliberateBreaks } from '../../scripts/schema-compat.mjs';

const file = (path: string) => readFile(new URL(`../../${path}`, import.meta.url), 'utf8');

const RELEASED = `
  type Query { route(from: String!, to: String!): Route, airports(first: Int): [String!]! }
  type Route { distanceKm: Float!, durationMinutes: Int! }
  enum Scale { MAJOR MINOR }
`;
const BROKEN = `
  type Query { route(from: String!, to: String!): Route, airports(first: Int, sort: String!): [String!]! }
  type Route { distanceKm: Int! }
  enum Scale { MAJOR MINOR LOCRIAN }
`;

const changelog = (...items: string[]) =>
  ['# Changelog', '', '## Unreleased', '', '### Breaking (deliberate)', '', ...items, '', '## 0.1.0 — 2026-01-01', '', '### Breaking (deliberate)', '', '- `Old.thing was removed.`'].join('\n');

describe('schema evolution check (npm run schema:check)', () => {
  it('passes for the committed schema against schema/released.graphql and CHANGELOG.md', async () => {
    const result = checkSchemaEvolution({
      released: await file('schema/released.graphql'),
      current: await file('schema/schema.graphql'),
      changelog: await file('CHANGELOG.md'),
    });
    const unmarked = result.unmarked.map((change) => `- \`${change.description}\``);
    expect(unmarked, 'breaking change(s) against schema/released.graphql: deprecate instead, or list them in CHANGELOG.md under ## Unreleased / ### Breaking (deliberate)').toEqual([]);
  });

  it('finds removed and retyped fields and new required arguments; a new enum value is only dangerous', () => {
    const result = checkSchemaEvolution({ released: RELEASED, current: BROKEN, changelog: changelog() });
    expect(result.unmarked.map((change) => change.description).sort()).toEqual([
      'A required arg sort on Query.airports was added.',
      'Route.distanceKm changed type from Float! to Int!.',
      'Route.durationMinutes was removed.',
    ]);
    expect(result.dangerous.map((change) => change.type)).toEqual(['VALUE_ADDED_TO_ENUM']);
  });

  it('accepts breaking changes listed under Unreleased → Breaking (deliberate), and only those', () => {
    const result = checkSchemaEvolution({
      released: RELEASED,
      current: BROKEN,
      changelog: changelog(
        '- `Route.durationMinutes was removed.` Use the route’s distance instead.',
        '* `Route.distanceKm changed type from Float! to Int!` (rounded)',
        '- `Query.gone was removed.`',
      ),
    });
    expect(result.deliberate).toHaveLength(2);
    expect(result.unmarked.map((change) => change.description)).toEqual(['A required arg sort on Query.airports was added.']);
    expect(result.staleMarks).toEqual(['Query.gone was removed.']);
  });

  it('reads marks only from Unreleased, and not from fenced examples', () => {
    const text = [
      '# Changelog',
      '```md',
      '## Unreleased',
      '### Breaking (deliberate)',
      '- `Example.field was removed.`',
      '```',
      '## Unreleased',
      '### Added',
      '- `Not.a mark.`',
      '### Breaking (deliberate)',
      '- `Route.durationMinutes was removed.` why',
      'some prose with `Route.other was removed.`',
      '## 1.0.0',
      '### Breaking (deliberate)',
      '- `Released.field was removed.`',
    ].join('\n');
    expect(deliberateBreaks(text)).toEqual(['Route.durationMinutes was removed.']);
  });

  it('passes when nothing changed', () => {
    const result = checkSchemaEvolution({ released: RELEASED, current: RELEASED, changelog: '' });
    expect(result).toMatchObject({ breaking: [], dangerous: [], unmarked: [] });
  });
});
