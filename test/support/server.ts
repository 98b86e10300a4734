import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createServer, type AppServer } from '../../server/app.js';
import type { Config } from '../../server/config.js';
import { silentLogger, testConfig } from './environment.js';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

/** The `extensions.code` of a response's first error. */
export const errorCode = (response: { errors?: { extensions?: Record<string, any> }[] }): unknown => response.errors?.[0]?.extensions?.code;

export interface TestServer {
  app: AppServer;
  url: string;
  graphql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, accessToken?: string): Promise<GraphQLResponse<T>>;
  /** Signs a new, unique person up and returns their tokens and username. */
  signUp(prefix?: string): Promise<{ accessToken: string; refreshToken: string; username: string; userId: string }>;
  close(): Promise<void>;
}

export async function resetRateLimits(app: AppServer): Promise<void> {
  const keys = await app.redis.keys('aero-melody:rate:*');
  if (keys.length > 0) await app.redis.del(...keys);
}

export async function startTestServer(config: Readonly<Config> = testConfig()): Promise<TestServer> {
  const app = await createServer(config, silentLogger);
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const testServer: TestServer = {
    app,
    url,
    async graphql(query, variables, accessToken) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    async signUp(prefix = 'tester') {
      // Tests sign many people up from one address; the per-address limit is tested on its own.
      await resetRateLimits(app);
      const username = `${prefix}_${randomBytes(5).toString('hex')}`;
      const response = await this.graphql('mutation($input: SignUpInput!) { signUp(input: $input) { accessToken refreshToken user { id } } }', {
        input: { email: `${username}@example.test`, username, password: 'correct horse 42' },
      });
      if (response.errors) throw new Error(`sign-up failed: ${response.errors[0].message}`);
      const payload = response.data!.signUp;
      return { accessToken: payload.accessToken, refreshToken: payload.refreshToken, username, userId: payload.user.id };
    },
    close: () => app.dispose(),
  };
  return testServer;
}
