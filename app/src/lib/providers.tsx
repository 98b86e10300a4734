'use client';

import { cacheExchange, createClient, fetchExchange, ssrExchange, subscriptionExchange, UrqlProvider } from '@urql/next';
import { createClient as createWsClient } from 'graphql-ws';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { I18nProvider } from './i18n';
import type { Locale } from './locale';
import { sessions, type AuthPayload, type SessionUser } from './session';

interface Auth {
  user: SessionUser | null;
  /** False until a stored sign-in has been restored (or found missing). */
  ready: boolean;
  accept(payload: AuthPayload): void;
  logOut(): void;
}

const AuthContext = createContext<Auth | null>(null);

export function useAuth(): Auth {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside Providers');
  return value;
}

/** fetch with the signed-in person's access token, for files only they may get (e.g. a private piece's MIDI). */
export const authorizedFetch: typeof fetch = async (input, init) => {
  const token = await sessions.accessToken();
  const headers = new Headers(init?.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  return fetch(input, { ...init, headers });
};

/** One urql client per signed-in person: HTTP for queries and mutations, graphql-ws for subscriptions. */
function makeClient() {
  const ssr = ssrExchange({ isClient: typeof window !== 'undefined' });
  const isBrowser = typeof window !== 'undefined';
  const wsClient = isBrowser
    ? createWsClient({
        url: `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/graphql`,
        lazy: true,
        retryAttempts: 5,
        connectionParams: async () => {
          const token = await sessions.accessToken();
          return token ? { authorization: `Bearer ${token}` } : {};
        },
      })
    : null;
  const client = createClient({
    url: isBrowser ? '/graphql' : 'http://localhost/graphql',
    // The API's CSRF prevention wants POST (or a preflight header) for every operation.
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetch: authorizedFetch,
    exchanges: [
      cacheExchange,
      ssr,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => {
            if (!wsClient) return { unsubscribe: () => undefined };
            const dispose = wsClient.subscribe({ ...request, query: request.query ?? '' }, sink);
            return { unsubscribe: dispose };
          },
        }),
      }),
    ],
  });
  return { client, ssr, dispose: () => wsClient?.dispose() };
}

export function Providers({ locale, children }: { locale: Locale; children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const unsubscribe = sessions.subscribe(setUser);
    sessions.restore().finally(() => {
      setUser(sessions.user);
      setReady(true);
    });
    return () => {
      unsubscribe();
    };
  }, []);
  // A new client when the person changes: no cached answer or socket carries over between people.
  const urql = useMemo(() => makeClient(), [user?.id]);
  useEffect(
    () => () => {
      urql.dispose();
    },
    [urql],
  );
  const auth = useMemo<Auth>(
    () => ({
      user,
      ready,
      accept: (payload) => sessions.accept(payload),
      logOut: () => {
        sessions.logOut().catch(() => undefined);
      },
    }),
    [user, ready],
  );
  return (
    <I18nProvider initialLocale={locale}>
      <AuthContext.Provider value={auth}>
        <UrqlProvider client={urql.client} ssr={urql.ssr}>
          {children}
        </UrqlProvider>
      </AuthContext.Provider>
    </I18nProvider>
  );
}
