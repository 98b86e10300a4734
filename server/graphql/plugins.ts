import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import type { Metrics } from '../adapters/metrics.js';
import type { RequestContext } from '../context.js';
import { isExpectedError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { AnalyticsEvents } from '../modules/analytics/analytics-events.repo.js';
import type { RequestGuard } from './guard.js';

/**
 * The guard's per-operation steps in Apollo's pipeline (parsing under the token limit and the
 * validation rules are Apollo's `parseOptions` and `validationRules`, taken from the same guard):
 * introspection policy and cost, then the rate limit unless the door charged it already.
 * Errors thrown here become a proper GraphQL response with their HTTP status.
 */
export function guardPlugin(guard: RequestGuard): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, contextValue }) {
          if (!operation) return;
          const [refused] = guard.operationErrors(document, operation, request.variables, contextValue.mayIntrospect);
          if (refused) throw refused;
          if (contextValue.admitted) return;
          contextValue.admitted = true;
          const limited = guard.admit({ viewerId: contextValue.viewer?.id ?? null, clientAddress: contextValue.clientAddress });
          if (limited) throw limited;
        },
      };
    },
  };
}

/**
 * Logs every error that is not an expected, typed one with the request id; the client sees only a
 * masked message carrying the same request id, so support can find the full error in the logs.
 */
export function errorLoggingPlugin(logger: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            if (isExpectedError(error.originalError ?? error)) continue;
            logger.error({ err: error.originalError ?? error, requestId: contextValue.requestId, operationName, path: error.path }, 'unexpected error in GraphQL request');
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            if (error.extensions?.code === 'INTERNAL_SERVER_ERROR') {
              (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
            }
          }
        },
      };
    },
  };
}

/** Times every GraphQL request for /metrics, labelled by operation type and first root field. */
export function metricsPlugin(metrics: Metrics): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      const startedAt = performance.now();
      let operation = 'unparsed';
      return {
        async didResolveOperation({ operation: definition }) {
          const root = definition?.selectionSet.selections.find((selection) => selection.kind === Kind.FIELD);
          operation = definition ? `${definition.operation}.${root && root.kind === Kind.FIELD ? root.name.value : 'unknown'}` : 'unknown';
        },
        async willSendResponse({ response }) {
          const failed = response.body.kind === 'single' && (response.body.singleResult.errors?.length ?? 0) > 0;
          metrics.observeRequest(operation, failed ? 'error' : 'ok', (performance.now() - startedAt) / 1000);
        },
      };
    },
  };
}

/** The operation's name, or its type and first root field when it has none (`query.routes`). */
function operationLabel(operationName: string | null | undefined, definition: OperationDefinitionNode | undefined | null): string {
  if (operationName) return operationName.slice(0, 200);
  if (!definition) return 'unparsed';
  const root = definition.selectionSet.selections.find((selection) => selection.kind === Kind.FIELD);
  return `${definition.operation}.${root && root.kind === Kind.FIELD ? root.name.value : 'unknown'}`;
}

/**
 * Sends one API_REQUEST analytics event per GraphQL request a partner makes with its API key:
 * operation, partner, latency and whether the response cache answered it. Recording only buffers
 * the event; Redis trouble never reaches the request. Requests without a key are not recorded:
 * usage figures are per partner, and an event per anonymous request would cost the hot cached
 * path more than answering it.
 */
export function analyticsPlugin(events: AnalyticsEvents): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      const startedAt = performance.now();
      return {
        async willSendResponse({ response, contextValue, operationName, operation }) {
          if (contextValue.apiKeyId === null || !contextValue.viewer) return;
          const failed = response.body.kind === 'single' && (response.body.singleResult.errors?.length ?? 0) > 0;
          events.record({
            kind: 'API_REQUEST',
            operation: operationLabel(operationName, operation),
            partnerId: contextValue.viewer.id,
            latencyMs: performance.now() - startedAt,
            cacheHit: contextValue.cacheHit,
            ok: !failed,
          });
        },
      };
    },
  };
}
