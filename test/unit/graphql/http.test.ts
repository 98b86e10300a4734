import type { AddressInfo } from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { jsonErrors, requestBudget } from '../../../server/graphql/http.js';
import { createLogger } from '../../../server/logger.js';

async function serve(app: express.Express) {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('requestBudget', () => {
  it('answers 503 TIMEOUT when the handler overruns, and leaves quick ones alone', async () => {
    const app = express();
    app.use(requestBudget(50));
    app.get('/slow', (_req, res) => void setTimeout(() => !res.headersSent && res.json({ late: true }), 200));
    app.get('/quick', (_req, res) => void res.json({ ok: true }));
    app.use(jsonErrors(createLogger('silent')));
    const server = await serve(app);
    try {
      const slow = await fetch(`${server.url}/slow`);
      expect(slow.status).toBe(503);
      expect(((await slow.json()) as any).errors[0].extensions.code).toBe('TIMEOUT');
      const quick = await fetch(`${server.url}/quick`);
      expect(await quick.json()).toEqual({ ok: true });
    } finally {
      await server.close();
    }
  });
});
