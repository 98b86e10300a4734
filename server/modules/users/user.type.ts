import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { IsEmail, IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { Node } from '../../graphql/relay.js';
import { CommunityData } from '../../graphql/cache-control.js';

export const RoleEnum = { USER: 'USER', PARTNER: 'PARTNER', ADMIN: 'ADMIN' } as const;
registerEnumType(RoleEnum, { name: 'Role', description: 'USER makes music; PARTNER also runs contests and reads analytics; ADMIN moderates.' });

export const TierEnum = { FREE: 'FREE', PREMIUM: 'PREMIUM' } as const;
registerEnumType(TierEnum, {
  name: 'Tier',
  description: 'FREE: MIDI and a few WAV exports a day of pieces up to a length. PREMIUM: also FLAC, any length, more exports a day.',
});

@CommunityData()
@ObjectType('User', { implements: Node, description: 'A member of Aero Melody.' })
export class User extends Node {
  @Field(() => String)
  username!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => String)
  bio!: string;

  @Field(() => Date, { description: 'When the account was created.' })
  joinedAt!: Date;

  @Field(() => RoleEnum)
  role!: string;
}

@ObjectType('AuthPayload')
export class AuthPayload {
  @Field(() => String, { description: 'Send as `Authorization: Bearer <accessToken>`; short-lived.' })
  accessToken!: string;

  @Field(() => Date)
  accessTokenExpiresAt!: Date;

  @Field(() => String, { description: 'Trade for a new pair with `refreshSession`; each one works once.' })
  refreshToken!: string;

  @Field(() => User)
  user!: object;
}

const USERNAME = /^[A-Za-z0-9_]{3,32}$/;

@InputType('SignUpInput')
export class SignUpInput {
  @Field(() => String)
  @MaxLength(254, { message: 'email must be at most 254 characters' })
  @IsEmail({}, { message: 'email must be an email address' })
  email!: string;

  @Field(() => String, { description: '3-32 letters, digits or underscores.' })
  @Matches(USERNAME, { message: 'username must be 3 to 32 letters, digits or underscores' })
  username!: string;

  @Field(() => String, { description: '10-200 characters, with a letter and a digit or symbol.' })
  @Length(1, 200, { message: 'password must be at most 200 characters' })
  password!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 80, { message: 'displayName must be 1 to 80 characters' })
  displayName?: string;
}

@InputType('LogInInput')
export class LogInInput {
  @Field(() => String, { description: 'Email or username.' })
  @Length(1, 254, { message: 'login must be 1 to 254 characters' })
  login!: string;

  @Field(() => String)
  @Length(1, 200, { message: 'password must be 1 to 200 characters' })
  password!: string;
}

@InputType('ProfileInput', { description: 'The fields to change; omitted fields stay as they are.' })
export class ProfileInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 80, { message: 'displayName must be 1 to 80 characters' })
  displayName?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 500, { message: 'bio must be at most 500 characters' })
  bio?: string;
}
