import type { Loaders } from '../../context.js';
import { BadUserInputError } from '../../errors.js';
import { fromGlobalId } from '../../graphql/relay.js';
import type { CommentService } from '../comments/comment.service.js';
import type { CompositionService } from '../compositions/composition.service.js';
import type { ContestService } from '../contests/contest.service.js';
import type { ExportService } from '../exports/export.service.js';
import type { RouteService } from '../routes/route.service.js';
import type { ThemeService } from '../themes/theme.service.js';
import type { Viewer } from '../users/tokens.js';

/** A row tagged with its GraphQL type, so the Node interface can resolve which object it is. */
export type TypedNode = { __typename: string } & object;

/** How many ids one `nodes(ids:)` call may ask for. */
export const MAX_NODES = 100;

export class NodeService {
  constructor(
    private readonly routes: RouteService,
    private readonly compositions: CompositionService,
    private readonly comments: CommentService,
    private readonly contests: ContestService,
    private readonly themes: ThemeService,
    private readonly exports: ExportService,
  ) {}

  /** Several objects at once, in the order asked; null for each that does not exist (or you may not see). */
  async byGlobalIds(globalIds: readonly string[], loaders: Loaders, viewer: Viewer | null): Promise<(TypedNode | null)[]> {
    if (globalIds.length > MAX_NODES) throw new BadUserInputError(`nodes: at most ${MAX_NODES} ids per call, got ${globalIds.length}`);
    return Promise.all(globalIds.map((id) => this.byGlobalId(id, loaders, viewer)));
  }

  async byGlobalId(globalId: string, loaders: Loaders, viewer: Viewer | null): Promise<TypedNode | null> {
    const tag = <T extends object>(row: T | null | undefined, __typename: string): TypedNode | null =>
      row ? { ...row, __typename } : null;
    // Theme ids ("jazz", "custom-12") were public before Theme became a Node: they are its global ids as they are.
    if (this.themes.isThemeId(globalId)) return tag(await this.themes.byId(globalId, viewer), 'Theme');
    const decoded = fromGlobalId(globalId);
    if (!decoded) throw new BadUserInputError(`"${globalId.slice(0, 60)}" is not an id this API issued`);
    switch (decoded.type) {
      case 'Airport':
        return /^\d+$/.test(decoded.key) ? tag(await loaders.airportById.load(Number(decoded.key)), 'Airport') : null;
      case 'Airline':
        return /^-?\d+$/.test(decoded.key) ? tag(await loaders.airlineById.load(Number(decoded.key)), 'Airline') : null;
      case 'Route': {
        const match = /^(\d+)-(\d+)$/.exec(decoded.key);
        return match ? tag(this.routes.routeByAirportIds(Number(match[1]), Number(match[2])), 'Route') : null;
      }
      case 'Composition':
        return tag(await this.compositions.byRef(decoded.key, loaders.compositionById, viewer), 'Composition');
      case 'Comment':
        return /^\d+$/.test(decoded.key) ? tag(await this.comments.byId(Number(decoded.key), viewer, loaders.compositionById), 'Comment') : null;
      case 'Contest':
        return tag(await this.contests.byGlobalId(globalId, loaders.contestById), 'Contest');
      case 'ContestEntry':
        return tag(await this.contests.entryByGlobalId(globalId, loaders.contestEntryById), 'ContestEntry');
      case 'Export':
        return viewer ? tag(await this.exports.byId(globalId, viewer), 'Export') : null;
      case 'User':
        return /^\d+$/.test(decoded.key) ? tag(await loaders.userById.load(Number(decoded.key)), 'User') : null;
      default:
        return null;
    }
  }
}
