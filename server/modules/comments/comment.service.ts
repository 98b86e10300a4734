import { BadUserInputError, ForbiddenError, NotFoundError } from '../../errors.js';
import { keysetPage, type Page } from '../shared/paging.js';
import type { CompositionService, CompositionView } from '../compositions/composition.service.js';
import type { Viewer } from '../users/tokens.js';
import { can } from './comment.policy.js';
import type { CommentRepo, CommentRow } from './comment.repo.js';

/** A new comment; ids null name nothing (the client sent an id of something else). */
export interface NewComment {
  compositionRef: string | null;
  body: string;
  atSecond?: number;
  replyTo?: number | null;
}

/** Comments live and die with their piece: whoever cannot see the piece cannot see or add them. */
export class CommentService {
  constructor(
    private readonly repo: CommentRepo,
    private readonly compositions: CompositionService,
  ) {}

  private async visiblePiece(ref: string | null, viewer: Viewer | null): Promise<CompositionView> {
    const view = await this.compositions.byRef(ref, viewer);
    if (!view?.saved) throw new NotFoundError('No saved composition has this id');
    return view;
  }

  async add(input: NewComment, viewer: Viewer): Promise<CommentRow> {
    const piece = await this.visiblePiece(input.compositionRef, viewer);
    if (input.atSecond !== undefined && input.atSecond > piece.durationSeconds) {
      throw new BadUserInputError(`atSecond must be within the piece (0 to ${piece.durationSeconds.toFixed(1)} s)`);
    }
    let parentId: number | null = null;
    if (input.replyTo !== undefined) {
      const parent = input.replyTo === null ? null : await this.repo.findById(input.replyTo);
      if (!parent || parent.compositionId !== Number(piece.ref)) throw new NotFoundError('The comment to reply to is not on this composition');
      parentId = parent.parentId ?? parent.id;
    }
    return this.repo.insert({ compositionId: Number(piece.ref), authorId: viewer.id, parentId, body: input.body.trim(), atSecond: input.atSecond ?? null });
  }

  /** A comment the viewer may see (on a piece they may see), for changing it. */
  private async reachable(id: number | null, viewer: Viewer): Promise<CommentRow> {
    const comment = id === null ? null : await this.repo.findById(id);
    if (!comment) throw new NotFoundError('No comment has this id');
    await this.visiblePiece(String(comment.compositionId), viewer);
    return comment;
  }

  async edit(id: number | null, body: string, viewer: Viewer): Promise<CommentRow> {
    const comment = await this.reachable(id, viewer);
    if (!can(viewer, 'edit', comment)) throw new ForbiddenError('Only its author can edit a comment');
    return this.repo.edit(comment.id, body.trim());
  }

  /** Authors delete their own comments, admins any; a comment's replies go with it. */
  async delete(id: number | null, viewer: Viewer): Promise<void> {
    const comment = await this.reachable(id, viewer);
    if (!can(viewer, 'delete', comment)) throw new ForbiddenError('Only its author or an admin can delete a comment');
    await this.repo.delete(comment.id);
  }

  /** For `node(id)`: the comment, or null when it or its piece is not there for this viewer. */
  async byId(id: number, viewer: Viewer | null): Promise<CommentRow | null> {
    const comment = await this.repo.findById(id);
    if (!comment) return null;
    const piece = await this.compositions.byRef(String(comment.compositionId), viewer);
    return piece ? comment : null;
  }

  async page(piece: CompositionView, args: { first?: number; after?: string }): Promise<Page<CommentRow>> {
    if (!piece.saved) return keysetPage(args, async () => [], 0);
    const compositionId = Number(piece.ref);
    return keysetPage(
      args,
      (take, afterId) => this.repo.topLevel(compositionId, take, afterId),
      () => this.repo.countTopLevel(compositionId),
    );
  }
}
