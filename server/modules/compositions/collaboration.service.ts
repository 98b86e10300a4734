import { Repeater } from '@graphql-yoga/subscription';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../errors.js';
import { fromGlobalId } from '../../graphql/relay.js';
import type { Viewer } from '../users/tokens.js';
import type { UserRepo, UserRow } from '../users/user.repo.js';
import type { CollaboratorRepo, CollaboratorRoleValue, CollaboratorRow } from './collaborator.repo.js';
import type { CompositionService, CompositionView } from './composition.service.js';
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

  async invite(globalId: string, username: string, role: CollaboratorRoleValue, viewer: Viewer): Promise<CompositionView> {
    const { row, access } = await this.compositions.rowWithAccess(globalId, viewer);
    if (access !== 'OWNER') throw new ForbiddenError('Only the owner can invite collaborators');
    const user = await this.person(username);
    if (user.id === viewer.id) throw new BadUserInputError('You own this composition already');
    await this.collaborators.set(row.id, user.id, role);
    return this.compositions.savedView(row);
  }

  /** The owner removes anyone; a collaborator may leave. */
  async remove(globalId: string, username: string, viewer: Viewer): Promise<CompositionView> {
    const { row, access } = await this.compositions.rowWithAccess(globalId, viewer);
    const user = await this.person(username);
    if (access !== 'OWNER' && user.id !== viewer.id) throw new ForbiddenError('Only the owner can remove collaborators');
    await this.collaborators.remove(row.id, user.id);
    return this.compositions.savedView(row);
  }

  /** The owner and collaborators see the list; everyone else an empty one. */
  async collaboratorsOf(view: CompositionView, viewer: Viewer | null): Promise<CollaboratorRow[]> {
    if (!view.saved || !viewer) return [];
    const list = await this.collaborators.list(Number(view.ref));
    return view.ownerId === viewer.id || list.some((c) => c.userId === viewer.id) ? list : [];
  }

  async present(globalId: string, viewer: Viewer | null): Promise<number[]> {
    const { row } = await this.compositions.rowWithAccess(globalId, viewer);
    return this.presence.present(row.id);
  }

  /**
   * A signed-in subscriber to a piece's changes is present while the subscription lasts: marked on
   * start, refreshed every third of the presence window and as soon as Redis is back after an
   * outage (it may have come back empty), removed when it ends (a crashed server's marks simply
   * expire).
   */
  async watch<T>(globalId: string, viewer: Viewer | null): Promise<AsyncIterable<T>> {
    const source = (await this.compositions.watch(globalId, viewer)) as AsyncIterable<T>;
    if (!viewer) return source;
    // watch() has resolved the id and checked access already.
    const compositionId = Number(fromGlobalId(globalId)!.key);
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
