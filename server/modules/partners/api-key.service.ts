import { createHash, randomBytes } from 'node:crypto';
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError } from '../../errors.js';
import type { Viewer } from '../users/tokens.js';
import { hasRole } from '../users/user.policy.js';
import type { ApiKeyRepo, ApiKeyRow } from './api-key.repo.js';

/** Keys start with this, so they are recognisable in a config file or a leaked-secret scan. */
const KEY_PREFIX = 'amk_';
const SHOWN_PREFIX_LENGTH = KEY_PREFIX.length + 8;
export const MAX_ACTIVE_KEYS = 20;

export const hashApiKey = (key: string): string => createHash('sha256').update(key).digest('hex');

/** Who a request made with an API key acts as: the partner account, marked as coming from that key. */
export interface ApiKeyViewer extends Viewer {
  apiKeyId: number;
}

export class ApiKeyService {
  constructor(private readonly repo: ApiKeyRepo) {}

  /** Keys are managed from a signed-in session of a partner account (the role gate is on the operations), never with another key. */
  private requireManager(apiKeyId: number | null): void {
    if (apiKeyId !== null) throw new ForbiddenError('API keys are managed from a signed-in session, not with an API key');
  }

  async create(name: string, viewer: Viewer, apiKeyId: number | null): Promise<{ key: string; apiKey: ApiKeyRow }> {
    this.requireManager(apiKeyId);
    if ((await this.repo.countActive(viewer.id)) >= MAX_ACTIVE_KEYS) {
      throw new ConflictError(`You have ${MAX_ACTIVE_KEYS} active API keys, the most allowed; revoke one first`);
    }
    // 256 random bits: a SHA-256 of the key is enough, no slow password hash needed.
    const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const apiKey = await this.repo.insert({ userId: viewer.id, name: name.trim(), prefix: key.slice(0, SHOWN_PREFIX_LENGTH), keyHash: hashApiKey(key) });
    return { key, apiKey };
  }

  async list(viewer: Viewer, apiKeyId: number | null): Promise<ApiKeyRow[]> {
    this.requireManager(apiKeyId);
    return this.repo.ofUser(viewer.id);
  }

  /** `id` null: the client sent an id that names no key. */
  async revoke(id: number | null, viewer: Viewer, apiKeyId: number | null): Promise<ApiKeyRow> {
    this.requireManager(apiKeyId);
    const key = id === null ? null : await this.repo.findById(id);
    // Another partner's key answers like a missing one: ids of other accounts' keys never leak.
    if (!key || key.userId !== viewer.id) throw new NotFoundError('You have no API key with this id');
    return this.repo.revoke(key.id);
  }

  /** The partner a key acts for; UNAUTHENTICATED when it is unknown, revoked, or its account is no longer a partner. */
  async authenticate(key: string): Promise<ApiKeyViewer> {
    const found = key.startsWith(KEY_PREFIX) && key.length < 200 ? await this.repo.findActiveByHash(hashApiKey(key)) : null;
    if (!found) throw new UnauthenticatedError('The API key is not valid or has been revoked', { reason: 'INVALID_API_KEY' });
    if (!hasRole(found.user, 'PARTNER')) {
      throw new UnauthenticatedError('The API key belongs to an account that is no longer a partner', { reason: 'INVALID_API_KEY' });
    }
    return { id: found.userId, role: found.user.role, sessionId: `api-key:${found.id}`, apiKeyId: found.id };
  }
}
