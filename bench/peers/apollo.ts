/** Peer: Apollo Server 5 standalone with its documented full-response cache (in memory). */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { resolvers, TYPE_DEFS } from './fixture.js';

const server = new ApolloServer({
  typeDefs: TYPE_DEFS,
  resolvers,
  // Reference data: every root field may be cached for a minute, so whole responses are.
  plugins: [ApolloServerPluginCacheControl({ defaultMaxAge: 60 }), responseCachePlugin()],
});
const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
process.stdout.write(`${new URL(url).port}\n`);
process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
