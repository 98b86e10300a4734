import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import type { CompositionRow } from '../compositions/composition.repo.js';
import type { CompositionService, CompositionView } from '../compositions/composition.service.js';
import { Composition } from '../compositions/composition.type.js';
import type { RouteRow } from '../routes/route.repo.js';
import { requireViewer } from '../users/user.service.js';
import type { SimilarityService } from './similarity.service.js';
import { CompositionMatch, RouteMatch, SimilarArgs, SimilarRoutesArgs } from './similarity.type.js';
import { ReferenceData, Uncached } from '../../graphql/cache-control.js';

/** The rows of the matched pieces, through the request's loader: `similar` on a list of pieces reads them in one query. */
function rowsOf(matches: readonly { id: number }[], { loaders }: RequestContext): Promise<(CompositionRow | null)[]> {
  return Promise.all(matches.map((match) => loaders.compositionById.load(match.id)));
}

@Resolver(() => RouteMatch)
export class SimilarityResolver {
  constructor(
    private readonly similarityService: SimilarityService,
    private readonly compositionService: CompositionService,
  ) {}

  @Uncached()
  @Query(() => [CompositionMatch], { description: 'Public pieces that sound like what you liked and made, best first; empty until you have either.' })
  async recommendations(@Args(() => SimilarArgs) { first }: SimilarArgs, @Ctx() context: RequestContext): Promise<{ composition: CompositionView; score: number }[]> {
    const viewer = requireViewer(context);
    const matches = await this.similarityService.recommendations(viewer.id, first);
    return this.compositionService.visibleMatches(matches, await rowsOf(matches, context), viewer);
  }

  @ReferenceData()
  @Query(() => [RouteMatch], {
    description: 'Routes whose default compositions sound most like this route’s, best first; never the route itself.',
  })
  similarRoutes(@Args(() => SimilarRoutesArgs) { from, to, first }: SimilarRoutesArgs): { route: RouteRow; score: number }[] {
    return this.similarityService.similarRoutes(from, to, first);
  }
}

@Resolver(() => Composition)
export class CompositionSimilarityResolver {
  constructor(
    private readonly similarityService: SimilarityService,
    private readonly compositionService: CompositionService,
  ) {}

  @FieldResolver(() => [CompositionMatch], { description: 'Public saved compositions that sound most like this one, best first; never itself.' })
  async similar(@Root() view: CompositionView, @Args(() => SimilarArgs) { first }: SimilarArgs, @Ctx() context: RequestContext): Promise<{ composition: CompositionView; score: number }[]> {
    const matches = this.similarityService.similarCompositions(view, first);
    return this.compositionService.visibleMatches(matches, await rowsOf(matches, context), context.viewer);
  }
}
