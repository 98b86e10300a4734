import type { RequestIdentity } from './context.js';
import type { ApiKeyService } from './modules/partners/api-key.service.js';
import type { AuthService } from './modules/users/auth.service.js';

/**
 * Resolves the viewer of a request from its API key (x-api-key, which wins) or its bearer token; a
 * bad key or token leaves an anonymous request whose authError says why.
 */
export async function authenticateRequest(auth: AuthService, apiKeys: ApiKeyService, authorization: string | undefined, apiKey?: string): Promise<RequestIdentity> {
  if (apiKey) {
    try {
      const viewer = await apiKeys.authenticate(apiKey);
      return { viewer, authError: null, apiKeyId: viewer.apiKeyId };
    } catch (error) {
      return { viewer: null, authError: error as Error, apiKeyId: null };
    }
  }
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) return { viewer: null, authError: null, apiKeyId: null };
  try {
    return { viewer: await auth.authenticate(token), authError: null, apiKeyId: null };
  } catch (error) {
    return { viewer: null, authError: error as Error, apiKeyId: null };
  }
}
