import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType('ApiKey', { description: "A partner's key for the API. The key itself is shown only once, when it is created." })
export class ApiKey {
  @Field(() => ID, { description: 'Opaque id, for revokeApiKey.' })
  id!: string;

  @Field(() => String, { description: 'What the key is for, as given at creation.' })
  name!: string;

  @Field(() => String, { description: 'The first characters of the key, to tell keys apart.' })
  prefix!: string;

  @Field(() => Date, { description: 'When the key was created.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was revoked; a revoked key authenticates nobody.' })
  revokedAt!: Date | null;
}

@ObjectType('CreatedApiKey')
export class CreatedApiKey {
  @Field(() => String, { description: 'The key: send it as the `x-api-key` header. Store it now; it is never shown again.' })
  key!: string;

  @Field(() => ApiKey, { description: "The key's record (without the key)." })
  apiKey!: ApiKey;
}
