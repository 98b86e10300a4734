import type { AuthPayloadFieldsFragment } from '../gql/graphql';

/**
 * The sign-in of this browser tab. The access token lives only in memory; the refresh token never
 * reaches JavaScript: the server keeps it in an HttpOnly cookie sent only to /auth, so a script
 * injected into a page cannot carry a 30-day sign-in away. A reload signs back in through
 * POST /auth/refresh, which rotates the cookie. A refresh starts shortly before the access token
 * expires, and concurrent callers share one refresh.
 */

/** A sign-in as the shared AuthPayloadFields fragment selects it (also what POST /auth/refresh answers). */
export type AuthPayload = AuthPayloadFieldsFragment;
export type SessionUser = AuthPayload['user'];

interface Session {
  accessToken: string;
  expiresAt: number;
  user: SessionUser;
}

/** Asks signUp/logIn for the cookie instead of a refresh token in the body; the CSRF proof /auth wants. */
export const SESSION_HEADERS: Readonly<Record<string, string>> = Object.freeze({ 'x-session-cookie': '1' });
const REFRESH_LOCK = 'aero-melody.session-refresh';
/** Refresh this long before the access token expires, so requests never carry an expired one. */
const REFRESH_MARGIN_MS = 60_000;

type Listener = (user: SessionUser | null) => void;

class SessionStore {
  private session: Session | null = null;
  private refreshing: Promise<void> | null = null;
  private readonly listeners = new Set<Listener>();

  get user(): SessionUser | null {
    return this.session?.user ?? null;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Takes the access token of a sign-up, log-in or refresh (the refresh token is in the cookie). */
  accept(payload: AuthPayload): void {
    const previous = this.session?.user.id;
    this.session = { accessToken: payload.accessToken, expiresAt: Date.parse(payload.accessTokenExpiresAt), user: payload.user };
    if (previous !== payload.user.id) this.emit();
  }

  clear(): void {
    const hadSession = this.session !== null;
    this.session = null;
    if (hadSession) this.emit();
  }

  /** The access token to send now (refreshed first when it is about to expire), or null. */
  async accessToken(): Promise<string | null> {
    if (this.session && this.session.expiresAt - Date.now() < REFRESH_MARGIN_MS) await this.refresh();
    return this.session?.accessToken ?? null;
  }

  /** Restores the sign-in after a reload from the cookie, if there is one. */
  async restore(): Promise<void> {
    if (!this.session) await this.refresh();
  }

  refresh(): Promise<void> {
    this.refreshing ??= this.exchangeCookie().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** Ends the sign-in on the server (which clears the cookie), then here. */
  async logOut(): Promise<void> {
    try {
      await fetch('/auth/logout', { method: 'POST', headers: SESSION_HEADERS, credentials: 'same-origin' });
    } finally {
      this.clear();
    }
  }

  /** Tabs share the cookie: one exchange at a time across them (Web Locks). */
  private exchangeCookie(): Promise<void> {
    if (typeof navigator !== 'undefined' && navigator.locks) return navigator.locks.request(REFRESH_LOCK, () => this.exchange()).then(() => undefined);
    return this.exchange();
  }

  private async exchange(): Promise<void> {
    try {
      const response = await fetch('/auth/refresh', { method: 'POST', headers: SESSION_HEADERS, credentials: 'same-origin' });
      if (response.status === 200) this.accept((await response.json()) as AuthPayload);
      // 204: no cookie, nobody signed in; 401: the sign-in ended (the server cleared the cookie).
      else if (response.status === 204 || response.status === 401) this.clear();
      else this.session = null;
    } catch {
      // Offline: the cookie stays for the next attempt, but no stale access token is sent.
      this.session = null;
    }
  }

  private emit(): void {
    for (const listener of this.listeners) listener(this.user);
  }
}

export const sessions = new SessionStore();
