import { validate, type ValidationError } from 'class-validator';
import { BadUserInputError } from '../../errors.js';

function collectMessages(errors: ValidationError[], prefix = ''): { field: string; message: string }[] {
  return errors.flatMap((error) => [
    ...Object.values(error.constraints ?? {}).map((message) => ({ field: prefix + error.property, message })),
    ...collectMessages(error.children ?? [], `${prefix}${error.property}.`),
  ]);
}

/**
 * Runs the class-validator rules declared on argument and input classes, and reports every broken
 * rule in one BAD_USER_INPUT error whose message a person can act on. GraphQL runs it on every
 * argument (buildSchema's validateFn); services run it on input that reaches them another way
 * (a preview token, a subscription's raw arguments).
 */
export async function validateArguments(value: unknown): Promise<void> {
  if (value === null || typeof value !== 'object') return;
  const values = Array.isArray(value) ? value : [value];
  for (const item of values) {
    if (item === null || typeof item !== 'object') continue;
    const problems = collectMessages(await validate(item, { forbidUnknownValues: false }));
    if (problems.length > 0) {
      throw new BadUserInputError(problems.map((p) => p.message).join('; '), { invalidFields: problems });
    }
  }
}
