import type { CommentService } from '../comments/comment.service.js';
import type { CompositionService } from '../compositions/composition.service.js';
import type { ContestService } from '../contests/contest.service.js';
import type { ExportService } from '../exports/export.service.js';
import { defineModule } from '../module.js';
import type { RouteService } from '../routes/route.service.js';
import type { ThemeService } from '../themes/theme.service.js';
import { NodeResolver } from './node.resolver.js';
import { NodeService } from './node.service.js';

type NodeNeeds = { routes: RouteService; compositions: CompositionService; comments: CommentService; contests: ContestService; themes: ThemeService; exports: ExportService };

/** Relay's node(id): reaches every type with a global id through its own module's service. */
export const nodeModule = defineModule<NodeNeeds>()({
  name: 'node',
  resolvers: [[NodeResolver, (s) => new NodeResolver(new NodeService(s.routes, s.compositions, s.comments, s.contests, s.themes, s.exports))]],
});
