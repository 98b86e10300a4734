import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';

import type { RequestContext } from '../../context.js';
import { toGlobalId } from '../../graphql/relay.js';
import type { AuthPayload as AuthPayloadValue, AuthService } from './auth.service.js';
import type { Role } from './user.policy.js';
import type { UserRow } from './user.repo.js';
import { requireViewer, type UserService } from './user.service.js';
import { AuthPayload, LogInInput, ProfileInput, SignUpInput, TierEnum, User } from './user.type.js';
import { CommunityData, Uncached } from '../../graphql/cache-control.js';

@Resolver(() => User)
export class UserResolver {
  constructor(
    private readonly authService: AuthService,
    private readonly userService: UserService,
  ) {}

  @Mutation(() => AuthPayload, { description: 'Creates an account and signs in.' })
  async signUp(@Arg('input', () => SignUpInput, { description: 'Email, username and password.' }) input: SignUpInput, @Ctx() context: RequestContext): Promise<AuthPayloadValue> {
    return context.deliverSession(await this.authService.signUp(input, context.clientAddress));
  }

  @Mutation(() => AuthPayload, { description: 'Signs in with email or username and password.' })
  async logIn(@Arg('input', () => LogInInput, { description: 'Email or username, and password.' }) input: LogInInput, @Ctx() context: RequestContext): Promise<AuthPayloadValue> {
    return context.deliverSession(await this.authService.logIn(input, context.clientAddress));
  }

  @Mutation(() => AuthPayload, { description: 'Trades a refresh token for a new access and refresh token.' })
  refreshSession(@Arg('refreshToken', () => String, { description: 'The refresh token from the last signUp, logIn or refreshSession.' }) refreshToken: string): Promise<AuthPayloadValue> {
    return this.authService.refresh(refreshToken);
  }

  @Mutation(() => Boolean, { description: 'Ends this sign-in (or, with everywhere, all of them); its tokens stop working.' })
  async logOut(
    @Arg('everywhere', () => Boolean, { description: 'End every sign-in of the account, not only this one.', defaultValue: false }) everywhere: boolean,
    @Ctx() context: RequestContext,
  ): Promise<boolean> {
    await this.authService.logOut(requireViewer(context), everywhere);
    return true;
  }

  @Mutation(() => Boolean, {
    description: 'Deletes the account: sessions, private and unlisted pieces go; public pieces stay, no longer attributed.',
  })
  async deleteAccount(@Arg('password', () => String, { description: 'Your password, to confirm.' }) password: string, @Ctx() context: RequestContext): Promise<boolean> {
    await this.authService.deleteAccount(requireViewer(context), password);
    return true;
  }

  @Mutation(() => User, { description: 'Changes your display name or bio.' })
  updateProfile(@Arg('input', () => ProfileInput, { description: 'The fields to change.' }) input: ProfileInput, @Ctx() context: RequestContext): Promise<UserRow> {
    return this.userService.updateProfile(requireViewer(context), input);
  }

  @Authorized<Role>('ADMIN')
  @Mutation(() => User, { description: 'Makes an account PREMIUM (admins only); effective at once.' })
  grantPremium(@Arg('username', () => String, { description: 'Whose account.' }) username: string): Promise<UserRow> {
    return this.userService.grantPremium(username);
  }

  @Uncached()
  @Query(() => User, { nullable: true, description: 'The signed-in person, or null.' })
  viewer(@Ctx() context: RequestContext): Promise<UserRow | null> | null {
    return context.viewer ? this.userService.byId(context.viewer.id) : null;
  }

  @CommunityData()
  @Query(() => User, { description: 'A member by username; null when there is none.', nullable: true })
  user(@Arg('username', () => String, { description: 'Their username.' }) username: string): Promise<UserRow | null> {
    return this.userService.byUsername(username);
  }

  @FieldResolver(() => ID, { description: 'Global id (opaque; stable across data re-imports).' })
  id(@Root() user: UserRow): string {
    return toGlobalId('User', user.id);
  }

  @FieldResolver(() => Date)
  joinedAt(@Root() user: UserRow): Date {
    return user.createdAt;
  }

  @FieldResolver(() => TierEnum, { nullable: true, description: 'FREE or PREMIUM; only visible to the person themselves (and null to others).' })
  tier(@Root() user: UserRow, @Ctx() context: RequestContext): string | null {
    return context.viewer?.id === user.id ? user.tier : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Only visible to the person themselves.' })
  email(@Root() user: UserRow, @Ctx() context: RequestContext): string | null {
    return context.viewer?.id === user.id ? user.email : null;
  }
}
