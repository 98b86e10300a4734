import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.js';
import { AccessTokens } from '../../server/modules/users/tokens.js';
import { PROJECT_ROOT } from '../../server/paths.js';

/** The secret development used to sign with, written in the code until it was removed. */
const FORMER_DEVELOPMENT_SECRET = 'aero-melody-development-secret-not-for-production';

/** Every quoted string and every word in the repository's tracked text files. */
function stringsInRepository(): Set<string> {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'server', 'test', 'scripts', 'app', 'sdk', 'bench', '*.json', '*.ts', '*.md', '.env*'], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((file) => /\.(ts|tsx|js|mjs|cjs|json|md|graphql|example)$|^\.env/.test(file));
  const found = new Set<string>();
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(join(PROJECT_ROOT, file), 'utf8');
    } catch {
      continue;
    }
    for (const match of text.matchAll(/'([^'\n]{1,200})'|"([^"\n]{1,200})"|`([^`]{1,200})`/g)) found.add(match[1] ?? match[2] ?? match[3]);
    for (const word of text.split(/[\s'"`,;()[\]{}]+/)) if (word.length >= 8) found.add(word);
  }
  return found;
}

describe('the token signing secret', () => {
  it('outside production is random, made once and kept in the cache directory', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'aero-secret-')), 'nested', 'auth-secret');
    const first = loadConfig({ AUTH_SECRET_FILE: file }).auth.secret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(file, 'utf8')).toBe(first);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(loadConfig({ AUTH_SECRET_FILE: file, NODE_ENV: 'test' }).auth.secret).toBe(first);
    const other = loadConfig({ AUTH_SECRET_FILE: join(mkdtempSync(join(tmpdir(), 'aero-secret-')), 'auth-secret') }).auth.secret;
    expect(other).not.toBe(first);
  });

  it('is required in production, at least 32 characters', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_SECRET: 'short' })).toThrow(/AUTH_SECRET/);
  });

  it('refuses a token signed with any string found in the repository', async () => {
    const secret = loadConfig({}).auth.secret;
    const verifier = new AccessTokens(secret, 900);
    const candidates = stringsInRepository();
    expect(candidates.has(FORMER_DEVELOPMENT_SECRET)).toBe(true);
    expect(candidates.size).toBeGreaterThan(5_000);
    expect(candidates.has(secret)).toBe(false);
    const admin = { id: 1, role: 'ADMIN' as const, sessionId: '00000000-0000-0000-0000-000000000000' };
    let refused = 0;
    for (const candidate of candidates) {
      const { token } = await new AccessTokens(candidate, 900).sign(admin, new Date());
      await verifier.verify(token).then(
        () => expect.fail(`a token signed with ${JSON.stringify(candidate)} was accepted`),
        (error: Error) => {
          expect(error.message).toMatch(/not valid/);
          refused += 1;
        },
      );
    }
    expect(refused).toBe(candidates.size);
  }, 120_000);
});
