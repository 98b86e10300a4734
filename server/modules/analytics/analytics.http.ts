import { Router } from 'express';
import { GraphQLError } from 'graphql';
import type { RequestContext } from '../../context.js';
import type { AnalyticsService } from './analytics.service.js';
import { timeWindow, type Granularity } from './figures.js';

const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', parquet: 'application/vnd.apache.parquet' } as const;
const HTTP_STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, BAD_USER_INPUT: 400 };

function dateParameter(value: unknown, name: string): Date | undefined {
  if (value === undefined) return undefined;
  const date = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) throw new GraphQLError(`${name} must be an ISO 8601 date-time`, { extensions: { code: 'BAD_USER_INPUT' } });
  return date;
}

/**
 * `GET /analytics/usage.csv` and `/analytics/usage.parquet?from=&to=`: the caller's own API
 * requests in the window (default the last 30 days), authenticated like GraphQL (x-api-key or a
 * partner's bearer token).
 */
export function usageDownloads(
  analytics: AnalyticsService,
  identify: (authorization: string | undefined, apiKey: string | undefined) => Promise<Pick<RequestContext, 'viewer' | 'authError'>>,
): Router {
  const router = Router();
  router.get('/analytics/usage.:format', async (req, res, next) => {
    const format = req.params.format;
    if (format !== 'csv' && format !== 'parquet') {
      res.status(404).json({ error: 'NOT_FOUND', message: 'Usage downloads are usage.csv or usage.parquet' });
      return;
    }
    try {
      const { viewer, authError } = await identify(req.header('authorization'), req.header('x-api-key'));
      const partner = analytics.requireAnalyticsViewer(viewer, authError);
      const window = timeWindow({ from: dateParameter(req.query.from, 'from'), to: dateParameter(req.query.to, 'to'), granularity: 'DAY' as Granularity }, new Date());
      const bytes = await analytics.usageFile(partner.id, window, format);
      res
        .status(200)
        .type(CONTENT_TYPES[format])
        .set('Content-Disposition', `attachment; filename="usage-${window.from.toISOString().slice(0, 10)}-${window.to.toISOString().slice(0, 10)}.${format}"`)
        .set('Cache-Control', 'private, no-store')
        .send(bytes);
    } catch (error) {
      const code = error instanceof GraphQLError ? String(error.extensions.code) : '';
      if (HTTP_STATUS[code]) {
        res.status(HTTP_STATUS[code]).json({ error: code, message: (error as Error).message });
        return;
      }
      next(error);
    }
  });
  return router;
}
