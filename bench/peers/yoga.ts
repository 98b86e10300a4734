/** Peer: GraphQL Yoga 5 on node:http with its documented response cache (in memory). */
import { createServer } from 'node:http';
import { createSchema, createYoga } from 'graphql-yoga';
import { useResponseCache } from '@graphql-yoga/plugin-response-cache';
import { announce, resolvers, TYPE_DEFS } from './fixture.js';

const yoga = createYoga({
  schema: createSchema({ typeDefs: TYPE_DEFS, resolvers }),
  logging: false,
  // One shared entry per query for everyone (no per-user session), kept a minute.
  plugins: [useResponseCache({ session: () => null, ttl: 60_000 })],
});
const server = createServer(yoga);
server.listen(0, '127.0.0.1', () => announce(server));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
