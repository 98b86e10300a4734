/** Peer: Fastify 5 + Mercurius 16 with graphql-jit (`jit: 1`) and mercurius-cache (in memory). */
import Fastify from 'fastify';
import mercurius from 'mercurius';
import mercuriusCache from 'mercurius-cache';
import { resolvers, TYPE_DEFS } from './fixture.js';

const app = Fastify({ logger: false });
await app.register(mercurius, { schema: TYPE_DEFS, resolvers, jit: 1 });
// A CommonJS module: its typed default export is the plugin's own `default` property.
await app.register(mercuriusCache.default, { ttl: 60, policy: { Query: { airport: true, route: true } } });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`${typeof address === 'object' && address ? address.port : ''}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
