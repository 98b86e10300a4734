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
  graphql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

export async function startTestServer(config: Readonly<Config> = testConfig()): Promise<TestServer> {
  const app = await createServer(config, silentLogger);
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    app,
    url,
    async graphql(query, variables) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    close: () => app.dispose(),
  };
}
