import { Query, Resolver } from 'type-graphql';
import type { ThemeService } from './theme.service.js';
import { Theme } from './theme.type.js';

@Resolver(() => Theme)
export class ThemeResolver {
  constructor(private readonly themeService: ThemeService) {}

  @Query(() => [Theme], { description: 'The themes a composition can be made in.' })
  themes(): Theme[] {
    return this.themeService.list();
  }
}
