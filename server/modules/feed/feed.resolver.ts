import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { ConnectionArgs, type Page } from '../../graphql/relay.js';
import type { CompositionView } from '../compositions/composition.service.js';
import { CompositionConnection } from '../compositions/composition.type.js';
import type { FeedService } from './feed.service.js';
import { CommunityData } from '../../graphql/cache-control.js';

@Resolver()
export class FeedResolver {
  constructor(private readonly feedService: FeedService) {}

  @CommunityData()
  @Query(() => CompositionConnection, {
    description: 'Recent public pieces by the people you follow; trending pieces (likes and plays, decayed by age) when you follow nobody or are signed out.',
  })
  feed(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() { viewer }: RequestContext): Promise<Page<CompositionView>> {
    return this.feedService.feed(viewer, args);
  }
}
