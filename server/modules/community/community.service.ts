import { BadUserInputError, NotFoundError } from '../../errors.js';
import type { CompositionService, CompositionView } from '../compositions/composition.service.js';
import type { Viewer } from '../users/tokens.js';
import type { UserRepo, UserRow } from '../users/user.repo.js';
import type { CommunityRepo } from './community.repo.js';
import { actorOfUser } from '../analytics/analytics-event.js';
import type { AnalyticsEvents } from '../analytics/analytics-events.repo.js';

export class CommunityService {
  constructor(
    private readonly repo: CommunityRepo,
    private readonly compositions: CompositionService,
    private readonly users: UserRepo,
    private readonly analytics: AnalyticsEvents,
  ) {}

  /** A saved piece the viewer may see; previews and hidden pieces cannot be liked. */
  private async likeable(ref: string | null, viewer: Viewer): Promise<CompositionView> {
    const view = await this.compositions.byRef(ref, viewer);
    if (!view?.saved) throw new NotFoundError('No saved composition has this id');
    return view;
  }

  async like(ref: string | null, viewer: Viewer): Promise<CompositionView> {
    const view = await this.likeable(ref, viewer);
    if (await this.repo.like(viewer.id, Number(view.ref))) {
      this.analytics.record({ kind: 'COMPOSITION_LIKED', actor: actorOfUser(viewer.id), compositionId: Number(view.ref), themeId: view.theme.id });
    }
    return view;
  }

  async unlike(ref: string | null, viewer: Viewer): Promise<CompositionView> {
    const view = await this.likeable(ref, viewer);
    if (await this.repo.unlike(viewer.id, Number(view.ref))) {
      this.analytics.record({ kind: 'COMPOSITION_UNLIKED', actor: actorOfUser(viewer.id), compositionId: Number(view.ref), themeId: view.theme.id });
    }
    return view;
  }

  private async followee(username: string, viewer: Viewer): Promise<UserRow> {
    const user = await this.users.findByUsername(username);
    if (!user) throw new NotFoundError(`No one is called "${username}"`);
    if (user.id === viewer.id) throw new BadUserInputError('You cannot follow yourself');
    return user;
  }

  async follow(username: string, viewer: Viewer): Promise<UserRow> {
    const user = await this.followee(username, viewer);
    await this.repo.follow(viewer.id, user.id);
    return user;
  }

  async unfollow(username: string, viewer: Viewer): Promise<UserRow> {
    const user = await this.followee(username, viewer);
    await this.repo.unfollow(viewer.id, user.id);
    return user;
  }
}
