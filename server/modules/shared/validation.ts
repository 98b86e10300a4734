import { validate, type ValidationError } from 'class-validator';
import { BadUserInputError } from '../../errors.js';

function collectMessages(errors: ValidationError[], prefix = ''): { field: string; message: string }[] {
  return errors.flatMap((error) => [
    ...Object.values(error.constraints ?? {}).map((message) => ({ field: prefix + error.property, message })),
    ...collectMessages(error.children ?? [], `${prefix}${error.property}.`),
  ]);
}

/** Argument values remembered valid, per argument class (each set emptied when it is full). */
const MAX_REMEMBERED_VALID = 10_000;
const knownValid = new WeakMap<Function, Set<string>>();

/** The value as JSON, or null for one JSON cannot hold (a BigInt): such a value is checked every time. */
function textOf(item: object): string | null {
  try {
    return JSON.stringify(item);
  } catch {
    return null;
  }
}

/**
 * Runs the class-validator rules declared on argument and input classes, and reports every broken
 * rule in one BAD_USER_INPUT error whose message a person can act on. GraphQL runs it on every
 * argument (buildSchema's validateFn); services run it on input that reaches them another way
 * (a preview token, a subscription's raw arguments). Every rule is synchronous and depends on the
 * value alone, so values of a class found valid once are not checked again: looking a class's
 * rules up costs more than the rest of a request for reference data.
 */
export async function validateArguments(value: unknown): Promise<void> {
  if (value === null || typeof value !== 'object') return;
  const values = Array.isArray(value) ? value : [value];
  for (const item of values) {
    if (item === null || typeof item !== 'object') continue;
    let valid = knownValid.get(item.constructor);
    const text = textOf(item);
    if (text !== null && valid?.has(text)) continue;
    const problems = collectMessages(await validate(item, { forbidUnknownValues: false }));
    if (problems.length > 0) {
      throw new BadUserInputError(problems.map((p) => p.message).join('; '), { invalidFields: problems });
    }
    if (text === null) continue;
    if (!valid) knownValid.set(item.constructor, (valid = new Set()));
    if (valid.size >= MAX_REMEMBERED_VALID) valid.clear();
    valid.add(text);
  }
}
