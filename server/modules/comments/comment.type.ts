import { ArgsType, Field, Float, ID, InputType, ObjectType } from 'type-graphql';
import { IsOptional, Length, Max, Min } from 'class-validator';
import { Node, connectionTypes } from '../../graphql/relay.js';
import { User } from '../users/user.type.js';
import { CommunityData, InheritCacheHint } from '../../graphql/cache-control.js';

@CommunityData()
@ObjectType('Comment', { implements: Node, description: 'A comment on a piece, optionally at a moment in it.' })
export class Comment extends Node {
  @Field(() => String)
  body!: string;

  @Field(() => Float, { nullable: true, description: 'The moment in the piece (seconds) the comment is about.' })
  atSecond!: number | null;

  @Field(() => User)
  author!: object;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  editedAt!: Date | null;
}

@InheritCacheHint()
@ObjectType('CommentConnection')
export class CommentConnection extends connectionTypes(Comment, 'Comment') {}

@InputType('AddCommentInput')
export class AddCommentInput {
  @Field(() => ID)
  compositionId!: string;

  @Field(() => String)
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
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  @Length(1, 2000, { message: 'body must be 1 to 2000 characters' })
  body!: string;
}
