/** The development token-signing secret, made once per checkout (AUTH_SECRET_FILE) when AUTH_SECRET is not set. */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Outside production, tokens are signed with a random secret made on first start and kept in a
 * file, so sign-ins survive restarts and every process of one checkout agrees on it. A secret
 * written in the code would let anyone who reads it forge an ADMIN token.
 */
export function developmentAuthSecret(file: string): string {
  try {
    const saved = readFileSync(file, 'utf8').trim();
    if (saved.length >= 32) return saved;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(file), { recursive: true });
  try {
    // 'wx': when several processes start at once, the first one's secret is the one all keep.
    writeFileSync(file, randomBytes(48).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFileSync(file, 'utf8').trim();
}
