import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { authenticateRequest } from '../authenticate.js';
import type { ComposedModules } from '../composition-root.js';
import type { RequestContext, RequestIdentity } from '../context.js';

/** What a door knows of a request before authentication. */
export interface Asking {
  requestId: string;
  clientAddress: string;
  mayIntrospect: boolean;
  /** The door charged the request to the rate limit already. */
  admitted: boolean;
  deliverSession: RequestContext['deliverSession'];
}

export interface RequestContexts {
  identify(authorization: string | undefined, apiKey: string | undefined): Promise<RequestIdentity>;
  /** The context of a request whose identity is known (the hot path's anonymous requests). */
  contextWith(asking: Asking, identity: RequestIdentity): RequestContext;
  contextFor(asking: Asking & { authorization: string | undefined; apiKey: string | undefined }): Promise<RequestContext>;
}

export function requestIdOf(request: IncomingMessage): string {
  const header = request.headers['x-request-id'];
  return (typeof header === 'string' ? header.slice(0, 100) : '') || randomUUID();
}

export function requestContexts({ services, createLoaders, streams }: ComposedModules): RequestContexts {
  const identify = (authorization: string | undefined, apiKey: string | undefined) => authenticateRequest(services.auth, services.apiKeys, authorization, apiKey);
  const contextWith = ({ requestId, clientAddress, mayIntrospect, admitted, deliverSession }: Asking, { viewer, authError, apiKeyId }: RequestIdentity): RequestContext => ({
    requestId,
    apiKeyId,
    loaders: createLoaders(viewer?.id ?? null),
    clientAddress,
    cacheHit: false,
    mayIntrospect,
    admitted,
    viewer,
    authError,
    deliverSession,
    ...streams({ viewer, authError }),
  });
  return {
    identify,
    contextWith,
    contextFor: async (asking) => contextWith(asking, await identify(asking.authorization, asking.apiKey)),
  };
}
