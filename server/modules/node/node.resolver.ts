import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Loaders, RequestContext } from '../../context.js';
import { BadUserInputError } from '../../errors.js';
import { decodeGlobalId, Node } from '../../graphql/relay.js';
import { MAX_NODES, type NodeRef, type NodeRows, type NodeService, type TypedNode } from './node.service.js';

/** The rows node ids name, through the request's loaders. */
function rowsOf(loaders: Loaders): NodeRows {
  return {
    airport: (id) => loaders.airportById.load(id),
    airline: (id) => loaders.airlineById.load(id),
    composition: (id) => loaders.compositionById.load(id),
    contest: (id) => loaders.contestById.load(id),
    contestEntry: (id) => loaders.contestEntryById.load(id),
    user: (id) => loaders.userById.load(id),
  };
}

@Resolver()
export class NodeResolver {
  constructor(private readonly nodeService: NodeService) {}

  private refOf(globalId: string): NodeRef {
    return this.nodeService.isThemeId(globalId) ? { themeId: globalId } : decodeGlobalId(globalId);
  }

  @Query(() => Node, { nullable: true, description: 'Any object by its global id; null when it does not exist.' })
  node(@Arg('id', () => ID, { description: "A global id, as any Node's `id` gives it." }) id: string, @Ctx() { loaders, viewer }: RequestContext): Promise<TypedNode | null> {
    return this.nodeService.byRef(this.refOf(id), rowsOf(loaders), viewer);
  }

  @Query(() => [Node], { nullable: 'items', description: `Objects by their global ids (at most ${MAX_NODES}), in the order asked; null for each that does not exist.` })
  async nodes(
    @Arg('ids', () => [ID], { description: `Global ids, 1 to ${MAX_NODES}; more is BAD_USER_INPUT.` }) ids: string[],
    @Ctx() { loaders, viewer }: RequestContext,
  ): Promise<(TypedNode | null)[]> {
    if (ids.length > MAX_NODES) throw new BadUserInputError(`nodes: at most ${MAX_NODES} ids per call, got ${ids.length}`);
    const rows = rowsOf(loaders);
    return Promise.all(ids.map(async (id) => this.nodeService.byRef(this.refOf(id), rows, viewer)));
  }
}
