/**
 * The sign-in of this browser tab. The access token lives only in memory (never in storage a
 * script could read later); the refresh token is kept in localStorage so a reload stays signed in,
 * and rotates on every refresh as the API requires. A refresh starts shortly before the access
 * token expires, and concurrent callers share one refresh (a replayed refresh token would end the
 * whole sign-in).
 */

export interface SessionUser {
  id: string;
  username: string;
  displayName: string | null;
}

export interface AuthPayload {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  user: SessionUser;
}

interface Session {
  accessToken: string;
  expiresAt: number;
  user: SessionUser;
}

const REFRESH_KEY = 'aero-melody.refresh-token';
/** Refresh this long before the access token expires, so requests never carry an expired one. */
const REFRESH_MARGIN_MS = 60_000;

const REFRESH_MUTATION = `mutation RefreshSession($refreshToken: String!) {
  refreshSession(refreshToken: $refreshToken) { accessToken accessTokenExpiresAt refreshToken user { id username displayName } }
}`;

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

  /** Takes the tokens of a sign-up, log-in or refresh. */
  accept(payload: AuthPayload): void {
    const previous = this.session?.user.id;
    this.session = { accessToken: payload.accessToken, expiresAt: Date.parse(payload.accessTokenExpiresAt), user: payload.user };
    window.localStorage.setItem(REFRESH_KEY, payload.refreshToken);
    if (previous !== payload.user.id) this.emit();
  }

  clear(): void {
    const hadSession = this.session !== null;
    this.session = null;
    window.localStorage.removeItem(REFRESH_KEY);
    if (hadSession) this.emit();
  }

  hasRefreshToken(): boolean {
    return typeof window !== 'undefined' && window.localStorage.getItem(REFRESH_KEY) !== null;
  }

  /** The access token to send now (refreshed first when it is about to expire), or null. */
  async accessToken(): Promise<string | null> {
    if (this.session && this.session.expiresAt - Date.now() < REFRESH_MARGIN_MS) await this.refresh();
    return this.session?.accessToken ?? null;
  }

  /** Restores the sign-in after a reload from the stored refresh token. */
  async restore(): Promise<void> {
    if (!this.session && this.hasRefreshToken()) await this.refresh();
  }

  refresh(): Promise<void> {
    this.refreshing ??= this.exchangeRefreshToken().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** Tabs share the stored refresh token: one exchange at a time across them (Web Locks). */
  private exchangeRefreshToken(): Promise<void> {
    if (typeof navigator !== 'undefined' && navigator.locks) return navigator.locks.request(REFRESH_KEY, () => this.exchangeStoredToken()).then(() => undefined);
    return this.exchangeStoredToken();
  }

  private async exchangeStoredToken(): Promise<void> {
    const refreshToken = window.localStorage.getItem(REFRESH_KEY);
    if (!refreshToken) {
      this.clear();
      return;
    }
    try {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: REFRESH_MUTATION, variables: { refreshToken } }),
      });
      const body = (await response.json()) as { data?: { refreshSession: AuthPayload } | null; errors?: unknown[] };
      if (body.data?.refreshSession) this.accept(body.data.refreshSession);
      else this.clear();
    } catch {
      // Offline: keep the refresh token for the next attempt, but send no stale access token.
      this.session = null;
    }
  }

  private emit(): void {
    for (const listener of this.listeners) listener(this.user);
  }
}

export const sessions = new SessionStore();
