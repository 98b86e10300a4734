import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { Node } from '../../graphql/relay.js';
import { MAX_NODES, type NodeService, type TypedNode } from './node.service.js';

@Resolver()
export class NodeResolver {
  constructor(private readonly nodeService: NodeService) {}

  @Query(() => Node, { nullable: true, description: 'Any object by its global id; null when it does not exist.' })
  node(@Arg('id', () => ID, { description: 'A global id, as any Node\'s `id` gives it.' }) id: string, @Ctx() { loaders, viewer }: RequestContext): Promise<TypedNode | null> {
    return this.nodeService.byGlobalId(id, loaders, viewer);
  }

  @Query(() => [Node], { nullable: 'items', description: `Objects by their global ids (at most ${MAX_NODES}), in the order asked; null for each that does not exist.` })
  nodes(
    @Arg('ids', () => [ID], { description: `Global ids, 1 to ${MAX_NODES}; more is BAD_USER_INPUT.` }) ids: string[],
    @Ctx() { loaders, viewer }: RequestContext,
  ): Promise<(TypedNode | null)[]> {
    return this.nodeService.byGlobalIds(ids, loaders, viewer);
  }
}
