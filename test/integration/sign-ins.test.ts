import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SignJWT } from 'jose';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/paths.js';
import { testConfig } from '../support/environment.js';
import { freePort, until } from '../support/processes.js';
import { errorCode, resetRateLimits, startTestServer, type GraphQLResponse, type TestServer } from '../support/server.js';

const run = promisify(execFile);
const PASSWORD = 'correct horse 42';
const SIGN_UP = 'mutation($input: SignUpInput!) { signUp(input: $input) { accessToken refreshToken } }';
const LOG_IN = 'mutation($input: LogInInput!) { logIn(input: $input) { accessToken } }';
const REFRESH = 'mutation($token: String!) { refreshSession(refreshToken: $token) { accessToken accessTokenExpiresAt refreshToken } }';
const GRACE_SECONDS = 2;

let server: TestServer;

beforeAll(async () => {
  // The loopback peer 127.0.0.1 plays the load balancer; any other peer (127.0.0.2) is a client.
  server = await startTestServer(testConfig({ TRUST_PROXY: '127.0.0.1', REFRESH_REUSE_GRACE_SECONDS: String(GRACE_SECONDS) }));
});

afterAll(async () => {
  await server?.close();
});

const unique = (prefix: string) => `${prefix}_${Math.random().toString(36).slice(2, 9)}`;

/** A POST /graphql sent from `localAddress` with extra headers (node's fetch cannot pick its source address). */
function postFrom(localAddress: string, headers: Record<string, string>, query: string, variables: Record<string, unknown>): Promise<GraphQLResponse> {
  const url = new URL(`${server.url}/graphql`);
  const body = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ...JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const signUpInput = () => {
  const username = unique('px');
  return { input: { email: `${username}@example.test`, username, password: PASSWORD } };
};

describe('the client address behind a proxy (TRUST_PROXY)', () => {
  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    await resetRateLimits(server.app);
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await postFrom('127.0.0.2', { 'x-forwarded-for': `198.51.100.${i + 1}` }, SIGN_UP, signUpInput()));
    expect(answers.slice(0, 5).map((answer) => answer.errors)).toEqual(Array(5).fill(undefined));
    expect(errorCode(answers[5])).toBe('RATE_LIMITED');
  });

  it("takes the client from a trusted proxy's X-Forwarded-For, on HTTP and WebSocket alike", async () => {
    await resetRateLimits(server.app);
    const client = '198.51.100.77';
    for (let i = 0; i < 5; i++) expect((await postFrom('127.0.0.1', { 'x-forwarded-for': `10.9.9.9, ${client}` }, SIGN_UP, signUpInput())).errors).toBeUndefined();
    expect(errorCode(await postFrom('127.0.0.1', { 'x-forwarded-for': client }, SIGN_UP, signUpInput()))).toBe('RATE_LIMITED');
    // Another client behind the same proxy has its own budget.
    expect((await postFrom('127.0.0.1', { 'x-forwarded-for': '198.51.100.78' }, SIGN_UP, signUpInput())).errors).toBeUndefined();

    class ProxiedWebSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers: { 'x-forwarded-for': client }, localAddress: '127.0.0.1' });
      }
    }
    const ws = createClient({ url: `${server.url.replace('http', 'ws')}/graphql`, webSocketImpl: ProxiedWebSocket, retryAttempts: 0 });
    try {
      const answer = await new Promise<any>((resolve, reject) => {
        let value: unknown;
        ws.subscribe({ query: SIGN_UP, variables: signUpInput() }, { next: (data) => (value = data), error: reject, complete: () => resolve(value) });
      });
      expect(answer.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    } finally {
      await ws.dispose();
    }
    await resetRateLimits(server.app);
  });
});

describe('log-in limits per account', () => {
  it('counts every spelling the database matches to the account against one budget', async () => {
    const member = await server.signUp('alice');
    const spellings = [member.username.toUpperCase(), member.username.replace('a', 'á'), member.username.replace('a', 'ａ'), member.username.replace('a', 'Ä'), ` ${member.username} `];
    for (const login of spellings) {
      const guess = await server.graphql(LOG_IN, { input: { login, password: 'a wrong guess' } });
      expect(errorCode(guess)).toBe('UNAUTHENTICATED');
    }
    expect(errorCode(await server.graphql(LOG_IN, { input: { login: member.username.replace('l', 'Ｌ'), password: PASSWORD } }))).toBe('RATE_LIMITED');
    expect(errorCode(await server.graphql(LOG_IN, { input: { login: member.username, password: PASSWORD } }))).toBe('RATE_LIMITED');
    await resetRateLimits(server.app);
  });
});

describe('refreshing a sign-in', () => {
  it('gives the same new pair to a token presented twice at once, and ends the sign-in on a replay after the grace window', async () => {
    const member = await server.signUp('tabs');
    const [first, second] = await Promise.all([server.graphql(REFRESH, { token: member.refreshToken }), server.graphql(REFRESH, { token: member.refreshToken })]);
    expect(first.errors).toBeUndefined();
    expect(second.errors).toBeUndefined();
    expect(second.data!.refreshSession).toEqual(first.data!.refreshSession);
    const pair = first.data!.refreshSession;
    expect((await server.graphql('{ viewer { username } }', {}, pair.accessToken)).data!.viewer.username).toBe(member.username);
    // A retried request a moment later still gets the same pair.
    expect((await server.graphql(REFRESH, { token: member.refreshToken })).data!.refreshSession).toEqual(pair);

    await new Promise((resolve) => setTimeout(resolve, (GRACE_SECONDS + 1) * 1000));
    expect(errorCode(await server.graphql(REFRESH, { token: member.refreshToken }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await server.graphql(REFRESH, { token: pair.refreshToken }))).toBe('UNAUTHENTICATED');
    expect((await server.graphql('mutation { logOut }', {}, pair.accessToken)).errors![0].extensions!.reason).toBe('SESSION_REVOKED');
  });

  it('does not hand the pair out again once the new refresh token has been used', async () => {
    const member = await server.signUp('chain');
    const next = (await server.graphql(REFRESH, { token: member.refreshToken })).data!.refreshSession;
    expect((await server.graphql(REFRESH, { token: next.refreshToken })).errors).toBeUndefined();
    expect(errorCode(await server.graphql(REFRESH, { token: member.refreshToken }))).toBe('UNAUTHENTICATED');
  });
});

describe('roles and ended sign-ins', () => {
  it('applies a role change to the next request of an access token already issued', async () => {
    const member = await server.signUp('promoted');
    const keys = '{ apiKeys { id } }';
    expect(errorCode(await server.graphql(keys, {}, member.accessToken))).toBe('FORBIDDEN');
    const env = { ...process.env, DATABASE_URL: testConfig().database.url, LOG_LEVEL: 'silent' };
    const cli = join(PROJECT_ROOT, 'dist', 'server', 'cli', 'admin.js');
    await run(process.execPath, [cli, 'grant', member.username, 'PARTNER'], { env });
    expect((await server.graphql(keys, {}, member.accessToken)).data!.apiKeys).toEqual([]);
    await run(process.execPath, [cli, 'grant', member.username, 'USER'], { env });
    expect(errorCode(await server.graphql(keys, {}, member.accessToken))).toBe('FORBIDDEN');
  });

  it('refuses a token signed with the secret that used to be written in the code', async () => {
    const member = await server.signUp('forger');
    const claims = JSON.parse(Buffer.from(member.accessToken.split('.')[1], 'base64url').toString());
    const forged = await new SignJWT({ role: 'ADMIN', sid: claims.sid })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.sub)
      .setIssuer('aero-melody')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('aero-melody-development-secret-not-for-production'));
    expect((await server.graphql('{ viewer { role } }', {}, forged)).data!.viewer).toBeNull();
    expect(errorCode(await server.graphql('mutation { grantPremium(username: "nobody") { id } }', {}, forged))).toBe('UNAUTHENTICATED');
  });
});

describe('a signed-out token while Redis is away or restarted empty', () => {
  let redis: ChildProcess | undefined;
  let isolated: TestServer | undefined;
  const startRedis = (port: number) => spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });

  afterAll(async () => {
    await isolated?.close();
    redis?.kill('SIGKILL');
  });

  it('stays refused', async () => {
    const port = await freePort();
    redis = startRedis(port);
    await until(async () => {
      isolated ??= await startTestServer(testConfig({ REDIS_URL: `redis://127.0.0.1:${port}` }));
      return true;
    });
    const member = await isolated!.signUp('leaver');
    const staying = await isolated!.graphql(LOG_IN, { input: { login: member.username, password: PASSWORD } });
    expect((await isolated!.graphql('mutation { logOut }', {}, member.accessToken)).data!.logOut).toBe(true);
    const refusedNow = async (token: string) => (await isolated!.graphql('mutation { logOut }', {}, token)).errors?.[0]?.extensions?.reason === 'SESSION_REVOKED';

    redis.kill('SIGKILL');
    await new Promise((resolve) => redis!.once('exit', resolve));
    expect(await refusedNow(member.accessToken)).toBe(true);
    expect((await isolated!.graphql('{ viewer { username } }', {}, staying.data!.logIn.accessToken)).data!.viewer.username).toBe(member.username);

    redis = startRedis(port);
    expect(await until(async () => (await fetch(`${isolated!.url}/readyz`)).status === 200)).toBe(true);
    expect(await refusedNow(member.accessToken)).toBe(true);
  });
});
