import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { compositionRefOf } from '../compositions/composition.resolver.js';
import type { CompositionView } from '../compositions/composition.service.js';
import { Composition } from '../compositions/composition.type.js';
import type { UserRow } from '../users/user.repo.js';
import { requireViewer } from '../users/user.service.js';
import { User } from '../users/user.type.js';
import type { CommunityService } from './community.service.js';

@Resolver(() => Composition)
export class CompositionCommunityResolver {
  constructor(private readonly communityService: CommunityService) {}

  @Mutation(() => Composition, { description: 'Likes a saved piece; liking twice changes nothing.' })
  likeComposition(@Arg('id', () => ID, { description: "The piece's id." }) id: string, @Ctx() context: RequestContext): Promise<CompositionView> {
    const viewer = requireViewer(context);
    return this.communityService.like(compositionRefOf(id), viewer);
  }

  @Mutation(() => Composition, { description: 'Takes a like back; unliking twice changes nothing.' })
  unlikeComposition(@Arg('id', () => ID, { description: "The piece's id." }) id: string, @Ctx() context: RequestContext): Promise<CompositionView> {
    const viewer = requireViewer(context);
    return this.communityService.unlike(compositionRefOf(id), viewer);
  }

  @FieldResolver(() => Int, { description: 'Likes from signed-in people.' })
  likeCount(@Root() view: CompositionView, @Ctx() { loaders }: RequestContext): Promise<number> | number {
    return view.saved ? loaders.likeCount.load(Number(view.ref)) : 0;
  }

  @FieldResolver(() => Boolean, { description: 'Whether the signed-in person likes it (false when signed out).' })
  viewerHasLiked(@Root() view: CompositionView, @Ctx() { loaders }: RequestContext): Promise<boolean> | boolean {
    return view.saved ? loaders.viewerLiked.load(Number(view.ref)) : false;
  }
}

@Resolver(() => User)
export class UserCommunityResolver {
  constructor(private readonly communityService: CommunityService) {}

  @Mutation(() => User, { description: 'Follows someone; following twice changes nothing.' })
  follow(@Arg('username', () => String, { description: 'Who to follow.' }) username: string, @Ctx() context: RequestContext): Promise<UserRow> {
    return this.communityService.follow(username, requireViewer(context));
  }

  @Mutation(() => User, { description: 'Stops following someone; unfollowing twice changes nothing.' })
  unfollow(@Arg('username', () => String, { description: 'Who to stop following.' }) username: string, @Ctx() context: RequestContext): Promise<UserRow> {
    return this.communityService.unfollow(username, requireViewer(context));
  }

  @FieldResolver(() => Int, { description: 'People following them.' })
  async followerCount(@Root() user: UserRow, @Ctx() { loaders }: RequestContext): Promise<number> {
    return (await loaders.profileCounts.load(user.id)).followers;
  }

  @FieldResolver(() => Int, { description: 'People they follow.' })
  async followingCount(@Root() user: UserRow, @Ctx() { loaders }: RequestContext): Promise<number> {
    return (await loaders.profileCounts.load(user.id)).following;
  }

  @FieldResolver(() => Int, { description: 'Public compositions.' })
  async compositionCount(@Root() user: UserRow, @Ctx() { loaders }: RequestContext): Promise<number> {
    return (await loaders.profileCounts.load(user.id)).compositions;
  }

  @FieldResolver(() => Int, { description: 'Likes on their public compositions.' })
  async likesReceived(@Root() user: UserRow, @Ctx() { loaders }: RequestContext): Promise<number> {
    return (await loaders.profileCounts.load(user.id)).likesReceived;
  }

  @FieldResolver(() => Boolean, { description: 'Whether the signed-in person follows them.' })
  viewerFollows(@Root() user: UserRow, @Ctx() { loaders }: RequestContext): Promise<boolean> {
    return loaders.viewerFollows.load(user.id);
  }
}
