import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { IsEmail, IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { Node } from '../../graphql/relay.js';
import { CommunityData } from '../../graphql/cache-control.js';
import { ROLES, type Role } from './user.policy.js';

export const RoleEnum = Object.fromEntries(ROLES.map((role) => [role, role])) as { [R in Role]: R };
registerEnumType(RoleEnum, {
  name: 'Role',
  valuesConfig: {
    ADMIN: { description: 'Moderates, runs and closes contests, grants PREMIUM.' },
    PARTNER: { description: 'Also runs contests, reads analytics and holds API keys.' },
    USER: { description: 'Makes, shares and votes on music.' },
  },
  description: 'USER makes music; PARTNER also runs contests and reads analytics; ADMIN moderates.',
});

export const TierEnum = { FREE: 'FREE', PREMIUM: 'PREMIUM' } as const;
registerEnumType(TierEnum, {
  name: 'Tier',
  valuesConfig: { FREE: { description: 'MIDI and a few WAV exports a day.' }, PREMIUM: { description: 'Also FLAC, any length, more exports a day.' } },
  description: 'FREE: MIDI and a few WAV exports a day of pieces up to a length. PREMIUM: also FLAC, any length, more exports a day.',
});

@CommunityData()
@ObjectType('User', { implements: Node, description: 'A member of Aero Melody.' })
export class User extends Node {
  @Field(() => String, { description: 'Unique handle, e.g. in profile URLs.' })
  username!: string;

  @Field(() => String, { description: 'The name shown next to their pieces.' })
  displayName!: string;

  @Field(() => String, { description: 'A few words about them.' })
  bio!: string;

  @Field(() => Date, { description: 'When the account was created.' })
  joinedAt!: Date;

  @Field(() => RoleEnum, { description: 'USER, PARTNER or ADMIN.' })
  role!: string;
}

@ObjectType('AuthPayload')
export class AuthPayload {
  @Field(() => String, { description: 'Send as `Authorization: Bearer <accessToken>`; short-lived.' })
  accessToken!: string;

  @Field(() => Date, { description: 'When the access token stops working.' })
  accessTokenExpiresAt!: Date;

  @Field(() => String, {
    description:
      'Trade for a new pair with `refreshSession`; each one works once. Empty when the request sent `X-Session-Cookie: 1`: the token is then in an HttpOnly cookie for `POST /auth/refresh`.',
  })
  refreshToken!: string;

  @Field(() => User, { description: 'The person signed in.' })
  user!: object;
}

const USERNAME = /^[A-Za-z0-9_]{3,32}$/;

@InputType('SignUpInput')
export class SignUpInput {
  @Field(() => String, { description: 'Where the account can be reached; also a login.' })
  @MaxLength(254, { message: 'email must be at most 254 characters' })
  @IsEmail({}, { message: 'email must be an email address' })
  email!: string;

  @Field(() => String, { description: '3-32 letters, digits or underscores.' })
  @Matches(USERNAME, { message: 'username must be 3 to 32 letters, digits or underscores' })
  username!: string;

  @Field(() => String, { description: '10-200 characters, with a letter and a digit or symbol.' })
  @Length(1, 200, { message: 'password must be at most 200 characters' })
  password!: string;

  @Field(() => String, { description: 'The name shown next to your pieces; default the username.', nullable: true })
  @IsOptional()
  @Length(1, 80, { message: 'displayName must be 1 to 80 characters' })
  displayName?: string;
}

@InputType('LogInInput')
export class LogInInput {
  @Field(() => String, { description: 'Email or username.' })
  @Length(1, 254, { message: 'login must be 1 to 254 characters' })
  login!: string;

  @Field(() => String, { description: "The account's password." })
  @Length(1, 200, { message: 'password must be 1 to 200 characters' })
  password!: string;
}

@InputType('ProfileInput', { description: 'The fields to change; omitted fields stay as they are.' })
export class ProfileInput {
  @Field(() => String, { description: 'The name shown next to your pieces, 1 to 80 characters.', nullable: true })
  @IsOptional()
  @Length(1, 80, { message: 'displayName must be 1 to 80 characters' })
  displayName?: string;

  @Field(() => String, { description: 'A few words about you, up to 500 characters.', nullable: true })
  @IsOptional()
  @Length(0, 500, { message: 'bio must be at most 500 characters' })
  bio?: string;
}
