import { ArgsType, Field, Float, ID, InputType, ObjectType } from 'type-graphql';
import { IsOptional, Length, Max, Min } from 'class-validator';
import { Node, connectionTypes } from '../../graphql/relay.js';
import { User } from '../users/user.type.js';
import { CommunityData, InheritCacheHint } from '../../graphql/cache-control.js';

@CommunityData()
@ObjectType('Comment', { implements: Node, description: 'A comment on a piece, optionally at a moment in it.' })
export class Comment extends Node {
  @Field(() => String, { description: 'The text.' })
  body!: string;

  @Field(() => Float, { nullable: true, description: 'The moment in the piece (seconds) the comment is about.' })
  atSecond!: number | null;

  @Field(() => User, { description: 'Who wrote it.' })
  author!: object;

  @Field(() => Date, { description: 'When it was written.' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When it was last edited; null if never.', nullable: true })
  editedAt!: Date | null;
}

@InheritCacheHint()
@ObjectType('CommentConnection')
export class CommentConnection extends connectionTypes(Comment, 'Comment') {}

@InputType('AddCommentInput')
export class AddCommentInput {
  @Field(() => ID, { description: 'The piece to comment on.' })
  compositionId!: string;

  @Field(() => String, { description: 'The comment, 1 to 2,000 characters.' })
  @Length(1, 2000, { message: 'body must be 1 to 2000 characters' })
  body!: string;

  @Field(() => Float, { nullable: true, description: 'Seconds into the piece; within its length.' })
  @IsOptional()
  @Min(0, { message: 'atSecond must be at least 0' })
  @Max(300, { message: 'atSecond must be at most 300' })
  atSecond?: number;

  @Field(() => ID, { nullable: true, description: 'The comment this answers; replies stay one level deep.' })
  @IsOptional()
  replyTo?: string;
}

@ArgsType()
export class EditCommentArgs {
  @Field(() => ID, { description: "The comment's id." })
  id!: string;

  @Field(() => String, { description: 'The new text, 1 to 2,000 characters.' })
  @Length(1, 2000, { message: 'body must be 1 to 2000 characters' })
  body!: string;
}
