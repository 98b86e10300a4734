import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SignJWT } from 'jose';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/paths.js';
import { testConfig } from '../support/environment.js';
import { errorCode, resetRateLimits, startTestServer, type TestServer } from '../support/server.js';

const run = promisify(execFile);
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

const SIGN_UP = 'mutation($input: SignUpInput!) { signUp(input: $input) { accessToken refreshToken accessTokenExpiresAt user { id username displayName } } }';
const LOG_IN = 'mutation($input: LogInInput!) { logIn(input: $input) { accessToken refreshToken user { username } } }';
const REFRESH = 'mutation($token: String!) { refreshSession(refreshToken: $token) { accessToken refreshToken } }';
const VIEWER = '{ viewer { username email role } }';
const PASSWORD = 'correct horse 42';

async function signUpAs(username: string, email = `${username}@example.test`, password = PASSWORD) {
  await resetRateLimits(server.app);
  return server.graphql(SIGN_UP, { input: { email, username, password } });
}

const unique = (prefix: string) => `${prefix}_${Math.random().toString(36).slice(2, 9)}`;

describe('signing up and in', () => {
  it('signs up, answers viewer with the bearer token, and logs in by username or email', async () => {
    const username = unique('ada');
    const signedUp = await signUpAs(username, `${username.toUpperCase()}@Example.test`);
    expect(signedUp.errors).toBeUndefined();
    const { accessToken, user } = signedUp.data!.signUp;
    expect(user).toMatchObject({ username, displayName: username });

    const me = await server.graphql(VIEWER, {}, accessToken);
    expect(me.data!.viewer).toEqual({ username, email: `${username}@example.test`, role: 'USER' });
    expect((await server.graphql(VIEWER)).data!.viewer).toBeNull();

    for (const login of [username, `${username}@example.test`, `${username.toUpperCase()}@EXAMPLE.TEST`]) {
      const loggedIn = await server.graphql(LOG_IN, { input: { login, password: PASSWORD } });
      expect(loggedIn.errors, login).toBeUndefined();
      expect(loggedIn.data!.logIn.user.username).toBe(username);
    }
  });

  it('refuses a taken email or username, a weak password and a malformed email, saying why', async () => {
    const username = unique('bob');
    await signUpAs(username);
    const sameEmail = await signUpAs(unique('other'), `${username}@example.test`);
    expect(errorCode(sameEmail)).toBe('CONFLICT');
    expect(sameEmail.errors![0].message).toMatch(/email already exists/);
    const sameName = await signUpAs(username.toUpperCase(), `${unique('x')}@example.test`);
    expect(errorCode(sameName)).toBe('CONFLICT');
    expect(sameName.errors![0].message).toMatch(/username .* is taken/);

    const weak = await signUpAs(unique('carol'), undefined, 'short1');
    expect(errorCode(weak)).toBe('BAD_USER_INPUT');
    expect(weak.errors![0].message).toBe('a password needs 10 to 200 characters, with at least one letter and one digit or symbol');
    const lettersOnly = await signUpAs(unique('dave'), undefined, 'onlyletterslong');
    expect(errorCode(lettersOnly)).toBe('BAD_USER_INPUT');
    const badEmail = await signUpAs(unique('erin'), 'not-an-email');
    expect(errorCode(badEmail)).toBe('BAD_USER_INPUT');
    expect(badEmail.errors![0].message).toMatch(/email must be an email address/);
    const badName = await signUpAs('no spaces allowed');
    expect(badName.errors![0].message).toMatch(/username must be 3 to 32 letters/);
  });

  it('gives the same UNAUTHENTICATED answer for a wrong password and for an unknown account', async () => {
    const username = unique('fay');
    await signUpAs(username);
    const wrong = await server.graphql(LOG_IN, { input: { login: username, password: 'wrong password 1' } });
    const unknown = await server.graphql(LOG_IN, { input: { login: unique('nobody'), password: 'wrong password 1' } });
    expect(errorCode(wrong)).toBe('UNAUTHENTICATED');
    expect(errorCode(unknown)).toBe('UNAUTHENTICATED');
    expect(wrong.errors![0].message).toBe(unknown.errors![0].message);
  });

  it('rate-limits log-in guesses per account with a retry-after', async () => {
    const username = unique('gus');
    await signUpAs(username);
    const attempts = [];
    for (let i = 0; i < 6; i++) attempts.push(await server.graphql(LOG_IN, { input: { login: username, password: `guess number ${i}` } }));
    expect(attempts.slice(0, 5).map(errorCode)).toEqual(Array(5).fill('UNAUTHENTICATED'));
    expect(errorCode(attempts[5])).toBe('RATE_LIMITED');
    expect(attempts[5].errors![0].extensions!.retryAfter).toBeGreaterThan(0);
    // Even the right password waits out the window: the limit is on attempts, not failures.
    expect(errorCode(await server.graphql(LOG_IN, { input: { login: username, password: PASSWORD } }))).toBe('RATE_LIMITED');
  });

  it('rate-limits sign-ups per address', async () => {
    await resetRateLimits(server.app);
    const results = [];
    for (let i = 0; i < 6; i++) {
      const username = unique('spam');
      results.push(await server.graphql(SIGN_UP, { input: { email: `${username}@example.test`, username, password: PASSWORD } }));
    }
    expect(results.slice(0, 5).every((r) => r.errors === undefined)).toBe(true);
    expect(errorCode(results[5])).toBe('RATE_LIMITED');
    await resetRateLimits(server.app);
  });
});

describe('sessions', () => {
  it('rotates refresh tokens; replaying a used one ends the whole sign-in', async () => {
    const member = await server.signUp('hal');
    const first = await server.graphql(REFRESH, { token: member.refreshToken });
    expect(first.errors).toBeUndefined();
    const { accessToken, refreshToken } = first.data!.refreshSession;
    expect(refreshToken).not.toBe(member.refreshToken);
    expect((await server.graphql(VIEWER, {}, accessToken)).data!.viewer.username).toBe(member.username);

    // Its successor used, the old token replayed (even within the reuse grace window) ends the sign-in.
    const second = await server.graphql(REFRESH, { token: refreshToken });
    expect(second.errors).toBeUndefined();
    const replay = await server.graphql(REFRESH, { token: member.refreshToken });
    expect(errorCode(replay)).toBe('UNAUTHENTICATED');
    expect(errorCode(await server.graphql(REFRESH, { token: second.data!.refreshSession.refreshToken }))).toBe('UNAUTHENTICATED');
    const revoked = await server.graphql('mutation { logOut }', {}, accessToken);
    expect(errorCode(revoked)).toBe('UNAUTHENTICATED');
    expect(revoked.errors![0].extensions!.reason).toBe('SESSION_REVOKED');
  });

  it('logs out: the access and refresh tokens of that sign-in stop working, others keep working', async () => {
    const member = await server.signUp('ivy');
    const other = await server.graphql(LOG_IN, { input: { login: member.username, password: PASSWORD } });
    const otherToken = other.data!.logIn.accessToken;
    expect((await server.graphql('mutation { logOut }', {}, member.accessToken)).data!.logOut).toBe(true);
    expect(errorCode(await server.graphql('mutation { logOut }', {}, member.accessToken))).toBe('UNAUTHENTICATED');
    expect(errorCode(await server.graphql(REFRESH, { token: member.refreshToken }))).toBe('UNAUTHENTICATED');
    expect((await server.graphql(VIEWER, {}, otherToken)).data!.viewer.username).toBe(member.username);
    await server.graphql('mutation { logOut(everywhere: true) }', {}, otherToken);
    expect(errorCode(await server.graphql(REFRESH, { token: other.data!.logIn.refreshToken }))).toBe('UNAUTHENTICATED');
  });

  it('says when an access token has expired and when it is not valid', async () => {
    const member = await server.signUp('jay');
    const payload = JSON.parse(Buffer.from(member.accessToken.split('.')[1], 'base64url').toString());
    const expired = await new SignJWT({ role: 'USER', sid: payload.sid })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(payload.sub)
      .setIssuer('aero-melody')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(testConfig().auth.secret));
    const response = await server.graphql('mutation { logOut }', {}, expired);
    expect(errorCode(response)).toBe('UNAUTHENTICATED');
    expect(response.errors![0].extensions!.reason).toBe('TOKEN_EXPIRED');
    const forged = `${member.accessToken.slice(0, -4)}AAAA`;
    expect((await server.graphql('mutation { logOut }', {}, forged)).errors![0].extensions!.reason).toBe('INVALID_TOKEN');
    // Public queries still answer for a request with a stale token.
    expect((await server.graphql('{ airport(code: "LHR") { iata } }', {}, expired)).data!.airport.iata).toBe('LHR');
  });

  it('authenticates graphql-ws connections from the connection_init payload', async () => {
    const member = await server.signUp('kim');
    const client = createClient({
      url: `${server.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${member.accessToken}` },
    });
    try {
      const result = await new Promise<any>((resolve, reject) => {
        let value: unknown;
        client.subscribe({ query: VIEWER }, { next: (data) => (value = data), error: reject, complete: () => resolve(value) });
      });
      expect(result.data.viewer.username).toBe(member.username);
    } finally {
      await client.dispose();
    }
  });
});

describe('roles', () => {
  it('npm run admin -- grant sets a role from the command line', async () => {
    const member = await server.signUp('lee');
    const env = { ...process.env, DATABASE_URL: testConfig().database.url, LOG_LEVEL: 'silent' };
    const cli = join(PROJECT_ROOT, 'dist', 'server', 'cli', 'admin.js');
    const { stdout } = await run(process.execPath, [cli, 'grant', member.username, 'PARTNER'], { env });
    expect(stdout).toContain(`${member.username} is now PARTNER`);
    const login = await server.graphql(LOG_IN, { input: { login: member.username, password: PASSWORD } });
    expect((await server.graphql(VIEWER, {}, login.data!.logIn.accessToken)).data!.viewer.role).toBe('PARTNER');
    await expect(run(process.execPath, [cli, 'grant', member.username, 'EMPEROR'], { env })).rejects.toMatchObject({ code: 2 });
    await expect(run(process.execPath, [cli, 'grant', unique('ghost'), 'ADMIN'], { env })).rejects.toMatchObject({ code: 1 });
  });
});
