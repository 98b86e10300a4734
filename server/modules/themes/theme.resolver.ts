import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import type { UserRow } from '../users/user.repo.js';
import { requireViewer } from '../users/user.service.js';
import { User } from '../users/user.type.js';
import { ThemeFilter, ThemeInput } from './theme.input.js';
import type { ThemeView } from './theme.model.js';
import type { ThemeService } from './theme.service.js';
import { Theme } from './theme.type.js';
import { CommunityData } from '../../graphql/cache-control.js';

@Resolver(() => Theme)
export class ThemeResolver {
  constructor(private readonly themeService: ThemeService) {}

  @CommunityData()
  @Query(() => [Theme], { description: 'Themes a composition can be made in: built-in, the public gallery (most used first) and yours.' })
  themes(
    @Arg('filter', () => ThemeFilter, { description: 'Which themes to list; default all you may use.', nullable: true }) filter: ThemeFilter | undefined,
    @Ctx() { viewer }: RequestContext,
  ): Promise<ThemeView[]> {
    return this.themeService.list(filter?.scope ?? 'ALL', viewer);
  }

  @CommunityData()
  @Query(() => Theme, { nullable: true, description: 'A built-in or custom theme by id; null when there is none you may see.' })
  theme(@Arg('id', () => String, { description: 'The theme id, e.g. "jazz" or "custom-12".' }) id: string, @Ctx() { viewer }: RequestContext): Promise<ThemeView | null> {
    return this.themeService.byId(id, viewer);
  }

  @Mutation(() => Theme, { description: 'Designs a theme of your own, starting from a built-in one.' })
  createTheme(@Arg('input', () => ThemeInput, { description: 'The theme; what is left out comes from basedOn.' }) input: ThemeInput, @Ctx() context: RequestContext): Promise<ThemeView> {
    return this.themeService.create(input, requireViewer(context));
  }

  @Mutation(() => Theme, { description: 'Changes your theme; pieces already made with it keep sounding as they did.' })
  updateTheme(
    @Arg('id', () => String, { description: "Your theme's id." }) id: string,
    @Arg('input', () => ThemeInput, { description: 'The new theme; what is left out comes from basedOn.' }) input: ThemeInput,
    @Ctx() context: RequestContext,
  ): Promise<ThemeView> {
    return this.themeService.update(id, input, requireViewer(context));
  }

  @Mutation(() => String, { description: 'Deletes your theme and returns its id; pieces made with it keep their snapshot.' })
  deleteTheme(@Arg('id', () => String, { description: "Your theme's id." }) id: string, @Ctx() context: RequestContext): Promise<string> {
    return this.themeService.delete(id, requireViewer(context));
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who designed it; null for built-in themes.' })
  async owner(@Root() theme: ThemeView, @Ctx() { loaders }: RequestContext): Promise<UserRow | null> {
    return theme.ownerId === null ? null : loaders.userById.load(theme.ownerId);
  }
}
