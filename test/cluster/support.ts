import { randomBytes } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface Answer<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, any> }[];
  /** The instance that answered (X-Served-By). */
  servedBy: string | null;
}

export interface Caller {
  token?: string;
  apiKey?: string;
}

export async function graphql<T = Record<string, any>>(url: string, query: string, variables: Record<string, unknown> = {}, caller: Caller = {}): Promise<Answer<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(caller.token ? { authorization: `Bearer ${caller.token}` } : {}),
      ...(caller.apiKey ? { 'x-api-key': caller.apiKey } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: Answer['errors'] };
  return { status: response.status, ...body, servedBy: response.headers.get('x-served-by') };
}

/** The data of an answer that must have succeeded. */
export function dataOf<T>(answer: Answer<T>): T {
  if (answer.status !== 200 || answer.errors?.length || !answer.data) {
    throw new Error(`request failed (${answer.status}, ${answer.servedBy}): ${JSON.stringify(answer.errors ?? answer.data)}`);
  }
  return answer.data;
}

export const PASSWORD = 'correct horse 42';

export async function signUp(url: string, prefix: string): Promise<{ token: string; username: string; userId: string }> {
  const username = `${prefix}_${randomBytes(5).toString('hex')}`;
  const data = dataOf(
    await graphql<{ signUp: { accessToken: string; user: { id: string } } }>(url, 'mutation($input: SignUpInput!) { signUp(input: $input) { accessToken user { id } } }', {
      input: { email: `${username}@example.test`, username, password: PASSWORD },
    }),
  );
  return { token: data.signUp.accessToken, username, userId: data.signUp.user.id };
}

export async function logIn(url: string, username: string): Promise<string> {
  const data = dataOf(
    await graphql<{ logIn: { accessToken: string } }>(url, 'mutation($input: LogInInput!) { logIn(input: $input) { accessToken } }', { input: { login: username, password: PASSWORD } }),
  );
  return data.logIn.accessToken;
}

export interface Subscription<T> {
  /** The instance the socket landed on, once connected. */
  servedBy: Promise<string>;
  received: { at: number; value: T }[];
  errors: unknown[];
  dispose(): Promise<void>;
}

/** A graphql-ws subscription through `url`, recording when each event arrived. */
export function subscribe<T>(url: string, query: string, variables: Record<string, unknown>, pick: (data: any) => T, options: { token?: string; retry?: boolean } = {}): Subscription<T> {
  let landed: (name: string) => void = () => undefined;
  const servedBy = new Promise<string>((resolve) => (landed = resolve));
  class TrackedSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols);
      this.on('upgrade', (response) => landed(String(response.headers['x-served-by'] ?? 'unknown')));
    }
  }
  const received: Subscription<T>['received'] = [];
  const errors: unknown[] = [];
  const client: Client = createClient({
    url: `${url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: TrackedSocket,
    connectionParams: options.token ? { authorization: `Bearer ${options.token}` } : {},
    // Through a rolling restart the socket is closed (1001) and graphql-ws connects again.
    retryAttempts: options.retry ? 50 : 0,
    retryWait: async () => new Promise((resolve) => setTimeout(resolve, 200)),
    shouldRetry: () => Boolean(options.retry),
    lazy: false,
    // A socket lost with its instance is expected here (the test kills instances): recorded, not printed.
    onNonLazyError: (error) => errors.push(error),
  });
  client.subscribe(
    { query, variables },
    {
      next: (value) => {
        if (value.data) received.push({ at: Date.now(), value: pick(value.data) });
        if (value.errors) errors.push(value.errors);
      },
      error: (error) => errors.push(error),
      complete: () => undefined,
    },
  );
  return { servedBy, received, errors, dispose: () => client.dispose() as Promise<void> };
}

/** Polls `check` until it returns something truthy or the deadline passes. */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs: number, pauseMs = 100): Promise<T | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}

/**
 * Sends `ask` through the load balancer until every instance in `names` answered it with `accept`
 * true, or the deadline passes; returns the instances that did.
 */
export async function onEveryInstance(names: string[], ask: () => Promise<Answer>, accept: (answer: Answer) => boolean, timeoutMs: number): Promise<Set<string>> {
  const seen = new Set<string>();
  const deadline = Date.now() + timeoutMs;
  while (seen.size < names.length && Date.now() < deadline) {
    const answer = await ask();
    if (answer.servedBy && accept(answer)) seen.add(answer.servedBy);
    else await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return seen;
}
