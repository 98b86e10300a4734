import { createHash, createHmac, randomBytes } from 'node:crypto';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { UnauthenticatedError } from '../../errors.js';
import { isRole, type Role } from './user.policy.js';

export interface Viewer {
  id: number;
  role: Role;
  /** The sign-in (refresh token family) this access token belongs to. */
  sessionId: string;
}

const ISSUER = 'aero-melody';

export class AccessTokens {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    readonly ttlSeconds: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  /**
   * Signs a token issued at `issuedAt` (whole seconds). HS256 is deterministic: the same viewer and
   * instant give the same token, which is how a refresh repeated within the grace window gets the
   * very same pair again.
   */
  async sign(viewer: Viewer, issuedAt: Date): Promise<{ token: string; expiresAt: Date }> {
    const issuedAtSeconds = Math.floor(issuedAt.getTime() / 1000);
    const expiresAtSeconds = issuedAtSeconds + this.ttlSeconds;
    const token = await new SignJWT({ role: viewer.role, sid: viewer.sessionId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(String(viewer.id))
      .setIssuer(ISSUER)
      .setIssuedAt(issuedAtSeconds)
      .setExpirationTime(expiresAtSeconds)
      .sign(this.key);
    return { token, expiresAt: new Date(expiresAtSeconds * 1000) };
  }

  /** The viewer an access token names, or UNAUTHENTICATED saying whether it expired or is invalid. */
  async verify(token: string): Promise<Viewer> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'] });
      const role = payload.role;
      if (!payload.sub || !/^\d+$/.test(payload.sub) || typeof payload.sid !== 'string' || !isRole(role)) {
        throw new UnauthenticatedError('The access token is not valid; sign in again', { reason: 'INVALID_TOKEN' });
      }
      return { id: Number(payload.sub), role, sessionId: payload.sid };
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw error;
      if (error instanceof joseErrors.JWTExpired) {
        throw new UnauthenticatedError('The access token has expired; refresh the session', { reason: 'TOKEN_EXPIRED' });
      }
      throw new UnauthenticatedError('The access token is not valid; sign in again', { reason: 'INVALID_TOKEN' });
    }
  }
}

/** Refresh tokens are random and opaque; only their SHA-256 is stored. */
export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

/**
 * The token that replaces `token` at its rotation: derived, not random, so that a second refresh
 * with the same token (two tabs, a retried request) can be answered with the same successor
 * without keeping any token in clear. Unguessable without both the old token and the secret.
 */
export function successorRefreshToken(secret: string, token: string): { token: string; hash: string } {
  const successor = createHmac('sha256', secret).update(`refresh-successor:${token}`).digest('base64url');
  return { token: successor, hash: hashRefreshToken(successor) };
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
