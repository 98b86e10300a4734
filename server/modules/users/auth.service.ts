import { randomUUID } from 'node:crypto';
import type { RateLimiter } from '../../adapters/rate-limiter.js';
import { BadUserInputError, ConflictError, RateLimitedError, UnauthenticatedError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { decoyPasswordHash, hashPassword, passwordProblem, verifyPassword } from './password.js';
import type { RefreshTokenRow, SessionRepo } from './session.repo.js';
import { hashRefreshToken, newRefreshToken, successorRefreshToken, type AccessTokens, type Viewer } from './tokens.js';
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

/**
 * A login as utf8mb4_unicode_ci compares it: case, accents and width ignored ("ＡLICE", "álice" and
 * "alice" are one login), for guesses at an account that does not exist.
 */
export function foldLogin(login: string): string {
  return login.trim().normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

export interface RefreshSettings {
  /** The secret that derives a refresh token's successor. */
  secret: string;
  ttlDays: number;
  /** How long after a rotation the rotated token still gets the same new pair instead of ending the sign-in. */
  reuseGraceSeconds: number;
}

const invalidRefreshToken = () => new UnauthenticatedError('This refresh token is not valid; sign in again', { reason: 'INVALID_REFRESH_TOKEN' });

export class AuthService {
  constructor(
    private readonly users: UserRepo,
    private readonly sessions: SessionRepo,
    private readonly accessTokens: AccessTokens,
    private readonly refreshSettings: RefreshSettings,
    private readonly limiter: RateLimiter,
    private readonly logger: Logger,
  ) {}

  private async limit(key: string, rule: { limit: number; windowSeconds: number }): Promise<void> {
    const decision = await this.limiter.hit(key, rule.limit, rule.windowSeconds);
    if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds);
  }

  private refreshExpiry(from: Date): Date {
    return new Date(from.getTime() + this.refreshSettings.ttlDays * 86_400_000);
  }

  private async issue(user: UserRow, sessionId: string): Promise<AuthPayload> {
    const refresh = newRefreshToken();
    const now = new Date();
    await this.sessions.insert({ userId: user.id, family: sessionId, tokenHash: refresh.hash, expiresAt: this.refreshExpiry(now) });
    return this.payload(user, sessionId, refresh.token, now);
  }

  private async payload(user: UserRow, sessionId: string, refreshToken: string, issuedAt: Date): Promise<AuthPayload> {
    const access = await this.accessTokens.sign({ id: user.id, role: user.role, sessionId }, issuedAt);
    return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken, user };
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
        throw new ConflictError(error.field === 'email' ? 'An account with this email already exists; log in instead' : `The username "${input.username}" is taken; choose another`, {
          field: error.field,
        });
      }
      throw error;
    }
  }

  async logIn(input: { login: string; password: string }, ip: string): Promise<AuthPayload> {
    await this.limit(`login:ip:${ip}`, LIMITS.logInPerIp);
    const user = await this.users.findByLogin(input.login.trim());
    // Keyed on the account found: every spelling the database matches to it shares one budget.
    await this.limit(user ? `login:account:${user.id}` : `login:unknown:${foldLogin(input.login)}`, LIMITS.logInPerAccount);
    const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), input.password);
    if (!user || !valid) throw new UnauthenticatedError(WRONG_CREDENTIALS);
    return this.issue(user, randomUUID());
  }

  /**
   * Rotates the refresh token. The same token presented again within the grace window gets the
   * same new pair (two tabs refreshing at once); later, a used token means it leaked, and the whole
   * sign-in is revoked.
   */
  async refresh(refreshToken: string): Promise<AuthPayload> {
    const hash = hashRefreshToken(refreshToken);
    const current = await this.sessions.findByHash(hash);
    if (!current) throw invalidRefreshToken();
    if (current.revokedAt) return this.repeatRotation(current, refreshToken);
    if (current.expiresAt.getTime() <= Date.now()) {
      throw new UnauthenticatedError('The session has expired; sign in again', { reason: 'REFRESH_TOKEN_EXPIRED' });
    }
    const user = await this.users.findById(current.userId);
    if (!user) throw invalidRefreshToken();
    const next = successorRefreshToken(this.refreshSettings.secret, refreshToken);
    const rotatedAt = new Date();
    if (!(await this.sessions.rotate(current, { tokenHash: next.hash, expiresAt: this.refreshExpiry(rotatedAt) }, rotatedAt))) {
      // Another refresh with this token won the race a moment ago.
      return this.repeatRotation((await this.sessions.findByHash(hash)) ?? current, refreshToken);
    }
    return this.payload(user, current.family, next.token, rotatedAt);
  }

  /** A rotated token again: the same pair within the grace window while its successor is unused, else the end of the sign-in. */
  private async repeatRotation(rotated: RefreshTokenRow, refreshToken: string): Promise<AuthPayload> {
    const rotatedAt = rotated.revokedAt;
    if (rotatedAt && Date.now() - rotatedAt.getTime() <= this.refreshSettings.reuseGraceSeconds * 1000) {
      const next = successorRefreshToken(this.refreshSettings.secret, refreshToken);
      const successor = await this.sessions.findByHash(next.hash);
      const user = successor && !successor.revokedAt && successor.family === rotated.family ? await this.users.findById(rotated.userId) : null;
      if (user) return this.payload(user, rotated.family, next.token, rotatedAt);
    }
    await this.sessions.revokeFamily(rotated.family);
    this.logger.warn({ userId: rotated.userId }, 'a rotated refresh token was reused; session revoked');
    throw invalidRefreshToken();
  }

  /** Ends the viewer's current sign-in, or every sign-in of theirs with `everywhere`. */
  async logOut(viewer: Viewer, everywhere: boolean): Promise<void> {
    if (everywhere) await this.sessions.revokeAllOf(viewer.id);
    else await this.sessions.revokeFamily(viewer.sessionId);
  }

  /** Ends the sign-in a refresh token belongs to: the web app's log-out, which holds only the cookie. */
  async endSession(refreshToken: string): Promise<void> {
    const row = await this.sessions.findByHash(hashRefreshToken(refreshToken));
    if (row) await this.sessions.revokeFamily(row.family);
  }

  /**
   * The viewer behind a bearer token, refusing tokens of ended sessions. The role is today's, not
   * the one in the token: a role change applies at the person's next request.
   */
  async authenticate(accessToken: string): Promise<Viewer> {
    const viewer = await this.accessTokens.verify(accessToken);
    const role = await this.sessions.liveRole(viewer.id, viewer.sessionId);
    if (!role) throw new UnauthenticatedError('This session has ended; sign in again', { reason: 'SESSION_REVOKED' });
    return { ...viewer, role };
  }

  async deleteAccount(viewer: Viewer, password: string): Promise<void> {
    const user = await this.users.findById(viewer.id);
    if (!user || !(await verifyPassword(user.passwordHash, password))) throw new UnauthenticatedError(WRONG_CREDENTIALS);
    await this.users.delete(user.id);
    this.logger.info({ userId: user.id }, 'account deleted');
  }
}
