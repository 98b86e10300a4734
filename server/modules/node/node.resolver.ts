import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { Node } from '../../graphql/relay.js';
import type { NodeService, TypedNode } from './node.service.js';

@Resolver()
export class NodeResolver {
  constructor(private readonly nodes: NodeService) {}

  @Query(() => Node, { nullable: true, description: 'Any object by its global id; null when it does not exist.' })
  node(@Arg('id', () => ID) id: string, @Ctx() { loaders, viewer }: RequestContext): Promise<TypedNode | null> {
    return this.nodes.byGlobalId(id, loaders, viewer);
  }
}
