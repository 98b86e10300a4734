import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { ConnectionArgs, idOf, toGlobalId, type Page } from '../../graphql/relay.js';
import { compositionRefOf } from '../compositions/composition.resolver.js';
import type { CompositionView } from '../compositions/composition.service.js';
import { Composition } from '../compositions/composition.type.js';
import type { UserRow } from '../users/user.repo.js';
import { requireViewer } from '../users/user.service.js';
import { User } from '../users/user.type.js';
import type { CommentRow } from './comment.repo.js';
import type { CommentService } from './comment.service.js';
import { AddCommentInput, Comment, CommentConnection, EditCommentArgs } from './comment.type.js';

@Resolver(() => Comment)
export class CommentResolver {
  constructor(private readonly commentService: CommentService) {}

  @Mutation(() => Comment, { description: 'Comments on a piece you can see, optionally at a moment in it or as a reply.' })
  addComment(
    @Arg('input', () => AddCommentInput, { description: 'The piece, the text and optionally the moment or the comment answered.' }) input: AddCommentInput,
    @Ctx() context: RequestContext,
  ): Promise<CommentRow> {
    const viewer = requireViewer(context);
    return this.commentService.add(
      { compositionRef: compositionRefOf(input.compositionId), body: input.body, atSecond: input.atSecond, replyTo: input.replyTo == null ? undefined : idOf(input.replyTo, 'Comment') },
      viewer,
    );
  }

  @Mutation(() => Comment, { description: 'Edits your own comment.' })
  editComment(@Args(() => EditCommentArgs) { id, body }: EditCommentArgs, @Ctx() context: RequestContext): Promise<CommentRow> {
    const viewer = requireViewer(context);
    return this.commentService.edit(idOf(id, 'Comment'), body, viewer);
  }

  @Mutation(() => ID, { description: 'Deletes your own comment (admins: any) with its replies; returns its id.' })
  async deleteComment(@Arg('id', () => ID, { description: "The comment's id." }) id: string, @Ctx() context: RequestContext): Promise<string> {
    const viewer = requireViewer(context);
    await this.commentService.delete(idOf(id, 'Comment'), viewer);
    return id;
  }

  @FieldResolver(() => ID, { description: 'Global id (opaque; stable across data re-imports).' })
  id(@Root() comment: CommentRow): string {
    return toGlobalId('Comment', comment.id);
  }

  @FieldResolver(() => User)
  async author(@Root() comment: CommentRow, @Ctx() { loaders }: RequestContext): Promise<UserRow> {
    return (await loaders.userById.load(comment.authorId))!;
  }

  @FieldResolver(() => [Comment], { description: 'Replies, oldest first (top-level comments only have them).' })
  replies(@Root() comment: CommentRow, @Ctx() { loaders }: RequestContext): Promise<CommentRow[]> | CommentRow[] {
    return comment.parentId === null ? loaders.repliesByCommentId.load(comment.id) : [];
  }
}

@Resolver(() => Composition)
export class CompositionCommentsResolver {
  constructor(private readonly commentService: CommentService) {}

  @FieldResolver(() => CommentConnection, { description: 'Top-level comments, oldest first, each with its replies.' })
  comments(@Root() piece: CompositionView, @Args(() => ConnectionArgs) args: ConnectionArgs): Promise<Page<CommentRow>> {
    return this.commentService.page(piece, args);
  }
}
