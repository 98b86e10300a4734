import { Router } from 'express';
import type { Viewer } from '../users/tokens.js';
import { fromGlobalId } from '../../graphql/relay.js';
import type { CompositionService, CompositionView } from './composition.service.js';
import { fileNameOf } from './composition-view.js';

/**
 * A preview never changes (its id is its parameters), but one fetched with a token may use that
 * person's private theme; a saved PUBLIC piece may be kept a day by anyone; any other piece was
 * fetched with its owner's (or a collaborator's) token and must not be kept at all.
 */
function cacheControlOf(view: CompositionView, signedIn: boolean): string {
  if (!view.saved) return `${signedIn ? 'private' : 'public'}, max-age=31536000, immutable`;
  return view.visibility === 'PUBLIC' ? 'public, max-age=86400' : 'no-store';
}

/** `GET /compositions/<id>.mid`: the Standard MIDI File of a saved piece or a preview. */
export function compositionDownloads(compositions: CompositionService, viewerOf: (authorization: string | undefined) => Promise<Viewer | null>): Router {
  const router = Router();
  router.get('/compositions/:file', async (req, res, next) => {
    try {
      const match = /^([A-Za-z0-9_-]{1,4000})\.mid$/.exec(req.params.file);
      const decoded = match ? fromGlobalId(match[1]) : null;
      const view = decoded?.type === 'Composition' ? await compositions.byRef(decoded.key, await viewerOf(req.header('authorization'))) : null;
      if (!view) {
        res.status(404).json({ error: 'NOT_FOUND', message: 'No composition has this id' });
        return;
      }
      const midi = view.render().midi;
      res
        .status(200)
        .type('audio/midi')
        .set('Content-Disposition', `attachment; filename="${fileNameOf(view)}"`)
        .set('Cache-Control', cacheControlOf(view, req.header('authorization') !== undefined))
        .set('Vary', 'Authorization')
        .send(Buffer.from(midi));
    } catch (error) {
      next(error);
    }
  });
  return router;
}
