import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { RequestContext } from '../context.js';

const refusal = () =>
  new GraphQLError('This server runs only the operations of its allow-list (schema/operations/manifest.json); send one of their hashes', {
    extensions: { code: 'PERSISTED_QUERY_NOT_ALLOWED', http: { status: 400 } },
  });

/**
 * PERSISTED_QUERIES=allow-list: every operation must be one of the manifest's, by hash or by the
 * exact document. Apollo computes the hash of a document sent in full; graphql-ws asks through
 * `subscriptionAllowed`.
 */
export function allowListPlugin(allowed: (hash: string) => boolean): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        // Thrown here, Apollo answers with the error rather than a 500.
        async didResolveOperation({ queryHash }) {
          if (!queryHash || !allowed(queryHash)) throw refusal();
        },
      };
    },
  };
}

/** For graphql-ws onSubscribe: the errors to answer with when the document is not on the allow-list. */
export function allowListErrors(allowed: (hash: string) => boolean, query: string): GraphQLError[] | undefined {
  return allowed(createHash('sha256').update(query).digest('hex')) ? undefined : [refusal()];
}
