// @ts-check
/**
 * Schema evolution rules, shared by `npm run schema:check` (scripts/schema-check.mjs) and the
 * test test/unit/schema-compat.test.ts.
 *
 * schema/released.graphql is the schema of the last release; schema/schema.graphql is the one
 * the code emits now. Every breaking change graphql-js finds between them (removed type, field,
 * argument or enum value; changed type; new required argument or input field; ...) fails the
 * check unless CHANGELOG.md lists it as deliberate:
 *
 *     ## Unreleased
 *
 *     ### Breaking (deliberate)
 *
 *     - `Route.durationMinutes was removed.` Use `Route.duration` (in seconds).
 *
 * Each list item holds, in backticks, the change's description exactly as `npm run schema:check`
 * prints it; anything after the code span is free text for partners. Dangerous changes (a new
 * enum value, a new optional argument, a changed default, ...) are reported but never fail.
 * Deprecate before removing: `@deprecated(reason: "Use ...")`.
 */
import { buildSchema, findBreakingChanges, findDangerousChanges, specifiedScalarTypes } from 'graphql';

/**
 * @typedef {{ type: string, description: string }} SchemaChange
 * @typedef {{ breaking: SchemaChange[], dangerous: SchemaChange[], deliberate: SchemaChange[],
 *   unmarked: SchemaChange[], staleMarks: string[] }} SchemaCheck
 */

const BUILT_IN_SCALARS = specifiedScalarTypes.map((scalar) => scalar.name);

/** @param {string} text */
const normalize = (text) => text.trim().replace(/\.$/, '').replace(/\s+/g, ' ');

/**
 * The code spans listed under "Unreleased" -> "Breaking (deliberate)" in a changelog.
 * @param {string} changelog
 * @returns {string[]}
 */
export function deliberateBreaks(changelog) {
  const marks = [];
  let inUnreleased = false;
  let inBreaking = false;
  let inFence = false;
  for (const line of changelog.split(/\r?\n/)) {
    // Examples in fenced code blocks (like the one in CHANGELOG.md's preamble) are not marks.
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence || /^\s*(```|~~~)/.test(line)) continue;
    const heading = /^(#{1,6})\s+(.*?)\s*$/.exec(line);
    if (heading) {
      const level = heading[1].length;
      const title = heading[2]
        .replace(/^\[|\]$/g, '')
        .trim()
        .toLowerCase();
      if (level === 2) {
        inUnreleased = title === 'unreleased';
        inBreaking = false;
      } else if (level >= 3 && inUnreleased) {
        inBreaking = /^breaking \(deliberate\)$/.test(title);
      }
      continue;
    }
    if (!inUnreleased || !inBreaking) continue;
    const item = /^\s*[-*]\s+`([^`]+)`/.exec(line);
    if (item) marks.push(item[1]);
  }
  return marks;
}

/**
 * @param {{ released: string, current: string, changelog: string }} input SDL texts and the changelog
 * @returns {SchemaCheck}
 */
export function checkSchemaEvolution({ released, current, changelog }) {
  const before = buildSchema(released);
  const after = buildSchema(current);
  const breaking = findBreakingChanges(before, after)
    // A built-in scalar (Int, Float, ...) no longer used by the SDL is not gone: every schema has it.
    .filter((change) => !(change.type === 'TYPE_REMOVED' && BUILT_IN_SCALARS.some((name) => change.description.startsWith(`Standard scalar ${name} `))))
    .map(({ type, description }) => ({ type, description }));
  const dangerous = findDangerousChanges(before, after).map(({ type, description }) => ({ type, description }));
  const marks = deliberateBreaks(changelog);
  const marked = new Set(marks.map(normalize));
  const deliberate = breaking.filter((change) => marked.has(normalize(change.description)));
  const unmarked = breaking.filter((change) => !marked.has(normalize(change.description)));
  const found = new Set(breaking.map((change) => normalize(change.description)));
  const staleMarks = marks.filter((mark) => !found.has(normalize(mark)));
  return { breaking, dangerous, deliberate, unmarked, staleMarks };
}
