import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { BadUserInputError } from '../../errors.js';
import { decodeGlobalId, Node } from '../../graphql/relay.js';
import { MAX_NODES, type NodeRef, type NodeService, type TypedNode } from './node.service.js';

@Resolver()
export class NodeResolver {
  constructor(private readonly nodeService: NodeService) {}

  private refOf(globalId: string): NodeRef {
    return this.nodeService.isThemeId(globalId) ? { themeId: globalId } : decodeGlobalId(globalId);
  }

  @Query(() => Node, { nullable: true, description: 'Any object by its global id; null when it does not exist.' })
  node(@Arg('id', () => ID, { description: "A global id, as any Node's `id` gives it." }) id: string, @Ctx() { loaders, viewer }: RequestContext): Promise<TypedNode | null> {
    return this.nodeService.byRef(this.refOf(id), loaders, viewer);
  }

  @Query(() => [Node], { nullable: 'items', description: `Objects by their global ids (at most ${MAX_NODES}), in the order asked; null for each that does not exist.` })
  async nodes(
    @Arg('ids', () => [ID], { description: `Global ids, 1 to ${MAX_NODES}; more is BAD_USER_INPUT.` }) ids: string[],
    @Ctx() { loaders, viewer }: RequestContext,
  ): Promise<(TypedNode | null)[]> {
    if (ids.length > MAX_NODES) throw new BadUserInputError(`nodes: at most ${MAX_NODES} ids per call, got ${ids.length}`);
    return Promise.all(ids.map(async (id) => this.nodeService.byRef(this.refOf(id), loaders, viewer)));
  }
}
