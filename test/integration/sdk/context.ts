/**
 * Shared by the SDK tests: the test server they start, SDK clients for people of each role on it, and
 * small helpers (waiting, collecting a stream, a contest taking entries).
 */
import { expect } from 'vitest';
import { AeroMelodyError, createAeroMelodyClient, type AeroMelodyClient } from '../../../sdk/src/index.js';
import { startTestServer, type TestServer } from '../../support/server.js';

export interface Person {
  username: string;
  accessToken: string;
  client: AeroMelodyClient;
}

export interface SdkContext {
  server: TestServer;
  endpoint: string;
  /** A signed-in USER with its client. */
  member: Person;
  /** A new person of a role (role changes need a new sign-in to reach the token). */
  person(role?: 'USER' | 'PARTNER' | 'ADMIN', prefix?: string): Promise<Person>;
  /** A client for a new partner account, authenticated with an API key only. */
  partnerByKey(): Promise<AeroMelodyClient>;
  /** Closes every client this context made. */
  dispose(): Promise<void>;
}

export function sdkContext(server: TestServer, member: Person): SdkContext {
  const endpoint = `${server.url}/graphql`;
  const clients: AeroMelodyClient[] = [member.client];
  const track = (client: AeroMelodyClient) => (clients.push(client), client);
  const context: SdkContext = {
    server,
    endpoint,
    member,
    async person(role = 'USER', prefix = 'sdk') {
      const signedUp = await server.signUp(prefix);
      if (role === 'USER') return { ...signedUp, client: track(createAeroMelodyClient({ url: endpoint, accessToken: signedUp.accessToken })) };
      await server.app.prisma.user.update({ where: { username: signedUp.username }, data: { role } });
      const { logIn } = await createAeroMelodyClient({ url: endpoint }).logIn({ input: { login: signedUp.username, password: 'correct horse 42' } });
      return { username: signedUp.username, accessToken: logIn.accessToken, client: track(createAeroMelodyClient({ url: endpoint, accessToken: logIn.accessToken })) };
    },
    async partnerByKey() {
      const partner = await context.person('PARTNER', 'sdk_partner');
      const { createApiKey } = await partner.client.createApiKey({ name: 'sdk' });
      return track(createAeroMelodyClient({ url: endpoint, apiKey: createApiKey.key }));
    },
    async dispose() {
      await Promise.all(clients.map((client) => client.dispose()));
    },
  };
  return context;
}

/** A test server with a signed-in member and its SDK client: where every SDK test file starts. */
export async function startSdkContext(): Promise<SdkContext> {
  const server = await startTestServer();
  try {
    const member = await server.signUp('sdk');
    const client = createAeroMelodyClient({ url: `${server.url}/graphql`, accessToken: member.accessToken });
    return sdkContext(server, { ...member, client });
  } catch (error) {
    await server.close();
    throw error;
  }
}

/** The SDK method name of an operation: `PreviewComposition` -> `previewComposition`. */
export const camel = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

export async function rejection(promise: Promise<unknown>): Promise<AeroMelodyError> {
  const error = await promise.then(
    () => expect.fail('expected the call to reject'),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AeroMelodyError);
  return error as AeroMelodyError;
}

export async function collect<T>(iterator: AsyncIterable<T>, max = Infinity): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterator) {
    items.push(item);
    if (items.length >= max) break;
  }
  return items;
}

/** Repeats `act` until the stream's first value arrives (a subscription starts once the server acknowledges it). */
export async function firstWhile<T>(stream: AsyncIterableIterator<T>, act: (attempt: number) => Promise<unknown>): Promise<T> {
  const first = stream.next();
  for (let attempt = 0; attempt < 40; attempt++) {
    await act(attempt);
    const heard = await Promise.race([first, new Promise<undefined>((resolve) => setTimeout(resolve, 250))]);
    if (heard) {
      expect(heard.done).toBe(false);
      return heard.value as T;
    }
  }
  throw new Error('the subscription never delivered');
}

export const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

// Each test file starts somewhere else: music rendered before (by another file) costs no export quota.
let variation = 1 + Math.floor(Math.random() * 900_000);
/** A new saved public piece of `person` (new music each time: contest entries and exports never repeat). */
export async function savedPiece(person: Person, extra: Record<string, unknown> = {}) {
  const { createComposition } = await person.client.createComposition({
    input: { route: { from: 'ZRH', to: 'GVA' }, durationSeconds: 10, variation: variation++, ...extra },
  });
  return createComposition;
}

/** A contest taking entries now, organised by a new partner; anyone may vote at once. */
export async function openContest(context: SdkContext) {
  const organiser = await context.person('PARTNER', 'sdk_org');
  const { createContest } = await organiser.client.createContest({
    input: {
      title: 'SDK night flights',
      sponsor: 'Aero Museum',
      prize: 'A flight',
      minAccountAgeHours: 0,
      submissionsOpenAt: minutesFromNow(-1),
      submissionsCloseAt: minutesFromNow(5),
      votingOpenAt: minutesFromNow(5),
      votingCloseAt: minutesFromNow(10),
    },
  });
  return { organiser, contest: createContest };
}

const rowId = (globalId: string) => Number(Buffer.from(globalId, 'base64url').toString().split(':')[1]);

/** Moves a contest into its voting window (through the database: the windows are in minutes). */
export async function startVoting(context: SdkContext, contestId: string): Promise<void> {
  const now = Date.now();
  await context.server.app.prisma.contest.update({
    where: { id: rowId(contestId) },
    data: {
      submissionsOpenAt: new Date(now - 3 * 60_000),
      submissionsCloseAt: new Date(now - 2 * 60_000),
      votingOpenAt: new Date(now - 60_000),
      votingCloseAt: new Date(now + 30 * 60_000),
    },
  });
}
