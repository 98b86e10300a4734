import { Repeater } from '@graphql-yoga/subscription';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../errors.js';
import type { Viewer } from '../users/tokens.js';
import type { UserRepo, UserRow } from '../users/user.repo.js';
import type { CollaboratorRepo, CollaboratorRoleValue, CollaboratorRow } from './collaborator.repo.js';
import type { CompositionService, CompositionView } from './composition.service.js';
import { can, DENIED } from './composition.policy.js';
import { savedView } from './composition-view.js';
import { PRESENCE_TTL_MS, type PresenceRepo } from './presence.repo.js';

/** Inviting collaborators, and who has a piece open right now. */
export class CollaborationService {
  constructor(
    private readonly compositions: CompositionService,
    private readonly collaborators: CollaboratorRepo,
    private readonly users: UserRepo,
    private readonly presence: PresenceRepo,
  ) {}

  private async person(username: string): Promise<UserRow> {
    const user = await this.users.findByUsername(username);
    if (!user) throw new NotFoundError(`No one is called "${username}"`);
    return user;
  }

  async invite(compositionId: number | null, username: string, role: CollaboratorRoleValue, viewer: Viewer): Promise<CompositionView> {
    const { row, piece } = await this.compositions.rowWithAccess(compositionId, viewer);
    if (!can(viewer, 'invite', piece)) throw new ForbiddenError(DENIED.invite);
    const user = await this.person(username);
    if (user.id === viewer.id) throw new BadUserInputError('You own this composition already');
    await this.collaborators.set(row.id, user.id, role);
    return savedView(row);
  }

  /** The owner removes anyone; a collaborator may leave. */
  async remove(compositionId: number | null, username: string, viewer: Viewer): Promise<CompositionView> {
    const { row, piece } = await this.compositions.rowWithAccess(compositionId, viewer);
    const user = await this.person(username);
    // Leaving is everyone's right; removing someone else is inviting's other side.
    if (user.id !== viewer.id && !can(viewer, 'invite', piece)) throw new ForbiddenError('Only the owner can remove collaborators');
    await this.collaborators.remove(row.id, user.id);
    return savedView(row);
  }

  /** The owner and collaborators see the list; everyone else an empty one. */
  async collaboratorsOf(view: CompositionView, viewer: Viewer | null): Promise<CollaboratorRow[]> {
    if (!view.saved || !viewer) return [];
    const list = await this.collaborators.list(Number(view.ref));
    return view.ownerId === viewer.id || list.some((c) => c.userId === viewer.id) ? list : [];
  }

  async present(compositionId: number | null, viewer: Viewer | null): Promise<number[]> {
    const { row } = await this.compositions.rowWithAccess(compositionId, viewer);
    return this.presence.present(row.id);
  }

  /**
   * A signed-in subscriber to a piece's changes is present while the subscription lasts: marked on
   * start, refreshed every third of the presence window and as soon as Redis is back after an
   * outage (it may have come back empty), removed when it ends (a crashed server's marks simply
   * expire).
   */
  async watch<T>(id: number | null, viewer: Viewer | null): Promise<AsyncIterable<T>> {
    const source = (await this.compositions.watch(id, viewer)) as AsyncIterable<T>;
    if (!viewer) return source;
    // watch() has found the piece and checked access already.
    const compositionId = id!;
    return new Repeater<T>(async (push, stop) => {
      const beat = () => this.presence.beat(compositionId, viewer.id).catch(() => undefined);
      await beat();
      const timer = setInterval(beat, PRESENCE_TTL_MS / 3);
      const stopBeatingOnReconnect = this.presence.onReconnect(() => void beat());
      const iterator = source[Symbol.asyncIterator]();
      const stopped = stop.then(() => ({ done: true as const, value: undefined }));
      try {
        for (;;) {
          const result = await Promise.race([iterator.next(), stopped]);
          if (result.done) break;
          await push(result.value);
        }
      } finally {
        clearInterval(timer);
        stopBeatingOnReconnect();
        await iterator.return?.();
        await this.presence.leave(compositionId, viewer.id).catch(() => undefined);
        stop();
      }
    });
  }
}
