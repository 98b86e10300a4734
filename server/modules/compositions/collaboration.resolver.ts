import { Arg, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import type { UserRow } from '../users/user.repo.js';
import { requireViewer } from '../users/user.service.js';
import { User } from '../users/user.type.js';
import type { CollaborationService } from './collaboration.service.js';
import type { CollaboratorRoleValue, CollaboratorRow } from './collaborator.repo.js';
import type { CompositionView } from './composition.service.js';
import { Composition } from './composition.type.js';
import { InheritCacheHint, Uncached } from '../../graphql/cache-control.js';
import { issuedIdOf } from '../../graphql/relay.js';

export const CollaboratorRole = { EDITOR: 'EDITOR', VIEWER: 'VIEWER' } as const;
registerEnumType(CollaboratorRole, {
  name: 'CollaboratorRole',
  valuesConfig: { EDITOR: { description: 'May change the piece (not its visibility or licence).' }, VIEWER: { description: 'May see the piece.' } },
  description: 'EDITOR changes the piece (not its visibility or licence); VIEWER only sees it.',
});

@InheritCacheHint()
@ObjectType('Collaborator')
export class Collaborator {
  @Field(() => User, { description: 'The collaborator.' })
  user!: object;

  @Field(() => CollaboratorRole, { description: 'What they may do with the piece.' })
  role!: string;
}

@Resolver(() => Collaborator)
export class CollaboratorResolver {
  @FieldResolver(() => User)
  async user(@Root() collaborator: CollaboratorRow, @Ctx() { loaders }: RequestContext): Promise<UserRow> {
    return (await loaders.userById.load(collaborator.userId))!;
  }
}

@Resolver(() => Composition)
export class CollaborationResolver {
  constructor(private readonly collaboration: CollaborationService) {}

  @Mutation(() => Composition, { description: 'Invites someone to a piece you own (or changes their role).' })
  inviteCollaborator(
    @Arg('compositionId', () => ID, { description: 'Your piece.' }) compositionId: string,
    @Arg('username', () => String, { description: 'Who to invite.' }) username: string,
    @Arg('role', () => CollaboratorRole, { description: 'EDITOR or VIEWER.' }) role: CollaboratorRoleValue,
    @Ctx() context: RequestContext,
  ): Promise<CompositionView> {
    const viewer = requireViewer(context);
    return this.collaboration.invite(issuedIdOf(compositionId, 'Composition'), username, role, viewer);
  }

  @Mutation(() => Composition, { description: 'Removes a collaborator (owner), or leaves a piece (the collaborator).' })
  removeCollaborator(
    @Arg('compositionId', () => ID, { description: 'The piece.' }) compositionId: string,
    @Arg('username', () => String, { description: 'Who to remove (yourself to leave).' }) username: string,
    @Ctx() context: RequestContext,
  ): Promise<CompositionView> {
    const viewer = requireViewer(context);
    return this.collaboration.remove(issuedIdOf(compositionId, 'Composition'), username, viewer);
  }

  @Uncached()
  @Query(() => [User], { description: 'Who has the piece open right now (subscribed to compositionChanged), across instances.' })
  async presence(@Arg('id', () => ID, { description: "The piece's id." }) id: string, @Ctx() { viewer, loaders }: RequestContext): Promise<UserRow[]> {
    const ids = await this.collaboration.present(issuedIdOf(id, 'Composition'), viewer);
    const users = await loaders.userById.loadMany(ids);
    return users.filter((user): user is UserRow => user !== null && !(user instanceof Error));
  }

  @FieldResolver(() => [Collaborator], { description: 'Visible to the owner and collaborators; empty for everyone else.' })
  collaborators(@Root() view: CompositionView, @Ctx() { viewer }: RequestContext): Promise<CollaboratorRow[]> {
    return this.collaboration.collaboratorsOf(view, viewer);
  }
}
