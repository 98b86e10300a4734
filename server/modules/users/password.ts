import argon2 from 'argon2';

export const PASSWORD_RULE = 'a password needs 10 to 200 characters, with at least one letter and one digit or symbol';

/** The rule, or null when the password meets it; also refuses the person's own email or username. */
export function passwordProblem(password: string, ...personal: string[]): string | null {
  const long = password.length >= 10 && password.length <= 200;
  const mixed = /\p{L}/u.test(password) && /[^\p{L}]/u.test(password);
  if (!long || !mixed) return PASSWORD_RULE;
  if (personal.some((value) => value && password.toLowerCase().includes(value.toLowerCase()))) {
    return 'a password must not contain your username or email';
  }
  return null;
}

// OWASP's argon2id baseline (19 MiB, 2 passes): about 30 ms here, slow enough against guessing.
const HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, HASH_OPTIONS);
}

export function verifyPassword(hash: string, password: string): Promise<boolean> {
  return argon2.verify(hash, password).catch(() => false);
}

/** Verifying against this when the account does not exist keeps both answers equally slow. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  return (decoyHash ??= hashPassword('decoy-password-for-unknown-accounts-1'));
}
