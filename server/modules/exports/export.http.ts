import { Router } from 'express';
import { CONTENT_TYPES } from './export-render.js';
import type { ExportService } from './export.service.js';

/**
 * `GET /exports/<token>.wav|.flac`: a finished export. The token is the only credential (256
 * random bits), so the link can be handed to a download manager; it stops working at expiresAt.
 */
export function exportDownloads(exports: ExportService): Router {
  const router = Router();
  router.get('/exports/:file', async (req, res, next) => {
    try {
      const match = /^([A-Za-z0-9_-]{1,100})\.(wav|flac)$/.exec(req.params.file);
      const found = match ? await exports.download(match[1]) : 'missing';
      if (found === 'expired') {
        res.status(410).type('text/plain').send('This download link has expired; request the export again for a new link.\n');
        return;
      }
      if (found === 'missing' || found.row.format.toLowerCase() !== match?.[2]) {
        res.status(404).type('text/plain').send('No export is available at this address.\n');
        return;
      }
      res
        .status(200)
        .type(CONTENT_TYPES[found.row.format])
        .set('Content-Length', String(found.size))
        .set('Content-Disposition', `attachment; filename="aero-melody-${found.row.compositionId ?? 'export'}.${match[2]}"`)
        .set('Cache-Control', 'private, no-store');
      const stream = exports.readFile(found.fileKey);
      stream.on('error', next);
      stream.pipe(res);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
