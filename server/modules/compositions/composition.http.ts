import { Router } from 'express';
import type { Loaders } from '../../context.js';
import type { Viewer } from '../users/tokens.js';
import { fromGlobalId } from '../../graphql/relay.js';
import type { CompositionService } from './composition.service.js';

/** `GET /compositions/<id>.mid`: the Standard MIDI File of a saved piece or a preview. */
export function compositionDownloads(
  compositions: CompositionService,
  createLoaders: () => Loaders,
  viewerOf: (authorization: string | undefined) => Promise<Viewer | null>,
): Router {
  const router = Router();
  router.get('/compositions/:file', async (req, res, next) => {
    try {
      const match = /^([A-Za-z0-9_-]{1,4000})\.mid$/.exec(req.params.file);
      const decoded = match ? fromGlobalId(match[1]) : null;
      const view = decoded?.type === 'Composition' ? await compositions.byRef(decoded.key, createLoaders().compositionById, await viewerOf(req.header('authorization'))) : null;
      if (!view) {
        res.status(404).json({ error: 'NOT_FOUND', message: 'No composition has this id' });
        return;
      }
      const midi = view.render().midi;
      res
        .status(200)
        .type('audio/midi')
        .set('Content-Disposition', `attachment; filename="${compositions.fileNameOf(view)}"`)
        .set('Cache-Control', view.saved ? 'public, max-age=86400' : 'public, max-age=31536000, immutable')
        .send(Buffer.from(midi));
    } catch (error) {
      next(error);
    }
  });
  return router;
}
