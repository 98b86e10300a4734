import type { IncomingMessage } from 'node:http';
import { register } from 'node:module';

/**
 * OpenTelemetry traces over OTLP/HTTP: a span per HTTP request (carrying HAProxy's X-Request-ID),
 * its GraphQL parse/validate/resolve spans, Redis commands and Prisma's SQL. Imported only when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set, and before the server's own modules so the drivers they load
 * are patched; without an endpoint none of this is loaded.
 */
export async function startTracing(settings: { endpoint: string; serviceName: string; instanceName: string }): Promise<() => Promise<void>> {
  // Our code is ESM: its imports of graphql and ioredis are patched through this loader hook.
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
  const [{ NodeSDK }, { OTLPTraceExporter }, { HttpInstrumentation }, { GraphQLInstrumentation }, { IORedisInstrumentation }, { PrismaInstrumentation }] = await Promise.all([
    import('@opentelemetry/sdk-node'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/instrumentation-http'),
    import('@opentelemetry/instrumentation-graphql'),
    import('@opentelemetry/instrumentation-ioredis'),
    import('@prisma/instrumentation'),
  ]);
  const sdk = new NodeSDK({
    serviceName: settings.serviceName,
    traceExporter: new OTLPTraceExporter({ url: `${settings.endpoint.replace(/\/+$/, '')}/v1/traces` }),
    // Traces only: metrics are Prometheus's (/metrics), logs pino's.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        requestHook: (span, request) => {
          const requestId = (request as IncomingMessage).headers?.['x-request-id'];
          if (typeof requestId === 'string') span.setAttribute('http.request_id', requestId.slice(0, 100));
          span.setAttribute('service.instance.id', settings.instanceName);
        },
      }),
      new GraphQLInstrumentation({ mergeItems: true, ignoreTrivialResolveSpans: true }),
      new IORedisInstrumentation(),
      new PrismaInstrumentation(),
    ],
  });
  sdk.start();
  return () => sdk.shutdown();
}
