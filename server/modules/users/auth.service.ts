import { randomUUID } from 'node:crypto';
import type { RateLimiter } from '../../adapters/rate-limiter.js';
import { BadUserInputError, ConflictError, RateLimitedError, UnauthenticatedError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { decoyPasswordHash, hashPassword, passwordProblem, verifyPassword } from './password.js';
import type { RevokedSessionsRepo } from './revoked-sessions.repo.js';
import type { SessionRepo } from './session.repo.js';
import { hashRefreshToken, newRefreshToken, type AccessTokens, type Viewer } from './tokens.js';
import { DuplicateUserError, type UserRepo, type UserRow } from './user.repo.js';

export interface AuthPayload {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  user: UserRow;
}

/** Attempts per window: per client address, and per account for log-in guesses. */
const LIMITS = {
  signUpPerIp: { limit: 5, windowSeconds: 600 },
  logInPerIp: { limit: 30, windowSeconds: 60 },
  logInPerAccount: { limit: 5, windowSeconds: 300 },
} as const;

const WRONG_CREDENTIALS = 'Wrong login or password';

export class AuthService {
  constructor(
    private readonly users: UserRepo,
    private readonly sessions: SessionRepo,
    private readonly revoked: RevokedSessionsRepo,
    private readonly accessTokens: AccessTokens,
    private readonly refreshTokenTtlDays: number,
    private readonly limiter: RateLimiter,
    private readonly logger: Logger,
  ) {}

  private async limit(key: string, rule: { limit: number; windowSeconds: number }): Promise<void> {
    const decision = await this.limiter.hit(key, rule.limit, rule.windowSeconds);
    if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds);
  }

  private async issue(user: UserRow, sessionId: string): Promise<AuthPayload> {
    const refresh = newRefreshToken();
    await this.sessions.insert({
      userId: user.id,
      family: sessionId,
      tokenHash: refresh.hash,
      expiresAt: new Date(Date.now() + this.refreshTokenTtlDays * 86_400_000),
    });
    return this.payload(user, sessionId, refresh.token);
  }

  private async payload(user: UserRow, sessionId: string, refreshToken: string): Promise<AuthPayload> {
    return {
      accessToken: await this.accessTokens.sign({ id: user.id, role: user.role, sessionId }),
      accessTokenExpiresAt: new Date(Date.now() + this.accessTokens.ttlSeconds * 1000),
      refreshToken,
      user,
    };
  }

  async signUp(input: { email: string; username: string; password: string; displayName?: string }, ip: string): Promise<AuthPayload> {
    await this.limit(`signup:ip:${ip}`, LIMITS.signUpPerIp);
    const email = input.email.trim().toLowerCase();
    const problem = passwordProblem(input.password, input.username, email.split('@')[0]);
    if (problem) throw new BadUserInputError(problem, { invalidFields: [{ field: 'password', message: problem }] });
    try {
      const user = await this.users.create({
        email,
        username: input.username,
        displayName: input.displayName?.trim() || input.username,
        passwordHash: await hashPassword(input.password),
      });
      this.logger.info({ userId: user.id }, 'account created');
      return await this.issue(user, randomUUID());
    } catch (error) {
      if (error instanceof DuplicateUserError) {
        throw new ConflictError(
          error.field === 'email' ? 'An account with this email already exists; log in instead' : `The username "${input.username}" is taken; choose another`,
          { field: error.field },
        );
      }
      throw error;
    }
  }

  async logIn(input: { login: string; password: string }, ip: string): Promise<AuthPayload> {
    await this.limit(`login:ip:${ip}`, LIMITS.logInPerIp);
    await this.limit(`login:account:${input.login.trim().toLowerCase()}`, LIMITS.logInPerAccount);
    const user = await this.users.findByLogin(input.login.trim());
    const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), input.password);
    if (!user || !valid) throw new UnauthenticatedError(WRONG_CREDENTIALS);
    return this.issue(user, randomUUID());
  }

  /** Rotates the refresh token. A token used twice means it leaked: the whole sign-in is revoked. */
  async refresh(refreshToken: string): Promise<AuthPayload> {
    const invalid = new UnauthenticatedError('This refresh token is not valid; sign in again', { reason: 'INVALID_REFRESH_TOKEN' });
    const current = await this.sessions.findByHash(hashRefreshToken(refreshToken));
    if (!current) throw invalid;
    if (current.revokedAt) {
      await this.endSessions([current.family]);
      this.logger.warn({ userId: current.userId }, 'a rotated refresh token was reused; session revoked');
      throw invalid;
    }
    if (current.expiresAt.getTime() <= Date.now()) {
      throw new UnauthenticatedError('The session has expired; sign in again', { reason: 'REFRESH_TOKEN_EXPIRED' });
    }
    const user = await this.users.findById(current.userId);
    if (!user) throw invalid;
    const next = newRefreshToken();
    const rotated = await this.sessions.rotate(current, {
      tokenHash: next.hash,
      expiresAt: new Date(Date.now() + this.refreshTokenTtlDays * 86_400_000),
    });
    if (!rotated) {
      await this.endSessions([current.family]);
      throw invalid;
    }
    return this.payload(user, current.family, next.token);
  }

  /** Redis first: if it is down nothing changes, rather than refresh tokens revoked but access tokens not. */
  private async endSessions(families: string[]): Promise<void> {
    await this.revoked.revoke(families);
    for (const family of families) await this.sessions.revokeFamily(family);
  }

  /** Ends the viewer's current sign-in, or every sign-in of theirs with `everywhere`. */
  async logOut(viewer: Viewer, everywhere: boolean): Promise<void> {
    if (everywhere) await this.revoked.revoke(await this.sessions.revokeAllOf(viewer.id));
    else await this.endSessions([viewer.sessionId]);
  }

  /** The viewer behind a bearer token, refusing tokens of ended sessions. */
  async authenticate(accessToken: string): Promise<Viewer> {
    const viewer = await this.accessTokens.verify(accessToken);
    if (await this.revoked.isRevoked(viewer.sessionId).catch(() => false)) {
      throw new UnauthenticatedError('This session has ended; sign in again', { reason: 'SESSION_REVOKED' });
    }
    return viewer;
  }

  async deleteAccount(viewer: Viewer, password: string): Promise<void> {
    const user = await this.users.findById(viewer.id);
    if (!user || !(await verifyPassword(user.passwordHash, password))) throw new UnauthenticatedError(WRONG_CREDENTIALS);
    const families = await this.sessions.revokeAllOf(user.id);
    await this.users.delete(user.id);
    await this.revoked.revoke([...families, viewer.sessionId]);
    this.logger.info({ userId: user.id }, 'account deleted');
  }
}
