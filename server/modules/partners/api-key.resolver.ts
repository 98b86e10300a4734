import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Length } from 'class-validator';
import type { RequestContext } from '../../context.js';
import { idOf, toGlobalId } from '../../graphql/relay.js';
import type { Role } from '../users/user.policy.js';
import { requireViewer } from '../users/user.service.js';
import type { ApiKeyRow } from './api-key.repo.js';
import type { ApiKeyService } from './api-key.service.js';
import { ApiKey, CreatedApiKey } from './api-key.type.js';

@ArgsType()
class CreateApiKeyArgs {
  @Field(() => String, { description: 'What the key is for, 1 to 80 characters (e.g. "dashboard").' })
  @Length(1, 80, { message: 'name must be 1 to 80 characters' })
  name!: string;
}

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  constructor(private readonly apiKeyService: ApiKeyService) {}

  @Authorized<Role>('PARTNER')
  @Mutation(() => CreatedApiKey, { description: 'Creates an API key for your partner account; the key is in the answer and nowhere else.' })
  createApiKey(@Args(() => CreateApiKeyArgs) { name }: CreateApiKeyArgs, @Ctx() context: RequestContext): Promise<{ key: string; apiKey: ApiKeyRow }> {
    return this.apiKeyService.create(name, requireViewer(context), context.apiKeyId);
  }

  @Authorized<Role>('PARTNER')
  @Mutation(() => ApiKey, { description: 'Revokes one of your API keys; requests with it are refused from now on.' })
  revokeApiKey(@Arg('id', () => ID, { description: "The key's id (from apiKeys)." }) id: string, @Ctx() context: RequestContext): Promise<ApiKeyRow> {
    const viewer = requireViewer(context);
    return this.apiKeyService.revoke(idOf(id, 'ApiKey'), viewer, context.apiKeyId);
  }

  @Authorized<Role>('PARTNER')
  @Query(() => [ApiKey], { description: "Your partner account's API keys, newest first, revoked ones included." })
  apiKeys(@Ctx() context: RequestContext): Promise<ApiKeyRow[]> {
    return this.apiKeyService.list(requireViewer(context), context.apiKeyId);
  }

  @FieldResolver(() => ID)
  id(@Root() key: ApiKeyRow): string {
    return toGlobalId('ApiKey', key.id);
  }
}
