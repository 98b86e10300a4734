import { existsSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Logger } from '../logger.js';
import { PROJECT_ROOT } from '../paths.js';

/** The Next.js project (its own package-less folder with its own tsconfig and `.next` build). */
export const WEB_APP_DIR = join(PROJECT_ROOT, 'app');

export interface WebApp {
  /** Serves every request the API did not answer: pages, assets, Next's own routes. */
  handle(request: IncomingMessage, response: ServerResponse): Promise<void>;
  dispose(): Promise<void>;
}

/** Whether `next build` has produced a production build of the web app. */
export function webAppBuilt(dir = WEB_APP_DIR): boolean {
  return existsSync(join(dir, '.next', 'BUILD_ID'));
}

/** `auto` means the production build when there is one, and no web app otherwise. */
export function resolveWebAppMode(mode: 'on' | 'off' | 'dev' | 'auto', dir = WEB_APP_DIR): 'on' | 'off' | 'dev' {
  if (mode !== 'auto') return mode;
  return webAppBuilt(dir) ? 'on' : 'off';
}

interface NextServer {
  prepare(): Promise<void>;
  getRequestHandler(): (request: IncomingMessage, response: ServerResponse) => Promise<void>;
  close(): Promise<void>;
}
type CreateNext = (options: { dev: boolean; dir: string; httpServer?: Server; hostname?: string; port?: number; quiet?: boolean }) => NextServer;

/**
 * Where the web app's server-side code (page metadata, share images, oEmbed) sends its GraphQL
 * requests: this same server, over loopback when it listens on every interface.
 */
export function internalApiUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}/graphql`;
}

/**
 * Prepares Next.js in `dir` (production build or dev server) for mounting behind the API's
 * express routes. Next is imported lazily so that the API alone never loads it. Next adds its own
 * 'upgrade' listener to `httpServer` on the first request (hot reload in dev mode); it leaves
 * alone the paths it has no route for, such as /graphql.
 */
export async function createWebApp(options: { mode: 'on' | 'dev'; dir?: string; httpServer: Server; host: string; port: number }, logger: Logger): Promise<WebApp> {
  const dir = options.dir ?? WEB_APP_DIR;
  if (options.mode === 'on' && !webAppBuilt(dir)) {
    throw new Error(`The web app is not built: run \`npm run web:build\` (or set WEB_APP=off to serve the API alone)`);
  }
  process.env.NEXT_TELEMETRY_DISABLED ??= '1';
  // Next runs in this process: its server code reads the address from the environment.
  process.env.AERO_MELODY_API_URL = internalApiUrl(options.host, options.port);
  const imported = (await import('next')) as unknown as { default: CreateNext | { default: CreateNext } };
  const createNext = typeof imported.default === 'function' ? imported.default : imported.default.default;
  const next = createNext({ dev: options.mode === 'dev', dir, httpServer: options.httpServer, hostname: 'localhost', port: options.port, quiet: true });
  await next.prepare();
  const handler = next.getRequestHandler();
  logger.info({ mode: options.mode }, 'web app ready');
  return {
    handle: (request, response) => handler(request, response),
    dispose: () => next.close(),
  };
}
