/** Types for scripts/schema-compat.mjs (a plain ESM script so `npm run schema:check` needs no build). */
export interface SchemaChange {
  type: string;
  description: string;
}
export interface SchemaCheck {
  breaking: SchemaChange[];
  dangerous: SchemaChange[];
  deliberate: SchemaChange[];
  unmarked: SchemaChange[];
  staleMarks: string[];
}
export function deliberateBreaks(changelog: string): string[];
export function checkSchemaEvolution(input: { released: string; current: string; changelog: string }): SchemaCheck;
