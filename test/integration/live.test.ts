/**
 * Live streams over graphql-ws: liveComposition in real time, the departures radio across two
 * in-process instances, and the socket limits and protocol errors of the graphql-ws transport.
 */
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { testConfig } from '../support/environment.js';
import { startTestServer, type TestServer } from '../support/server.js';

const LIVE = `subscription($input: ComposeInput!) { liveComposition(input: $input) {
  turn sequence startSeconds lookaheadSeconds
  piece { compositionId title airports theme tempoBpm durationSeconds startsAt }
  events { kind at soundsAt track channel pitch velocity duration section key scale chord roman progress }
} }`;
const RADIO = 'subscription($channel: String!) { liveRadio(channel: $channel) { turn sequence piece { airports startsAt } events { kind at soundsAt pitch } } }';
const SHORT = { route: { from: 'ZRH', to: 'LHR' }, durationSeconds: 10, tempoBpm: 200 };

let server: TestServer;
const clients: Client[] = [];

beforeAll(async () => {
  server = await startTestServer(testConfig({ RADIO_PIECE_SECONDS: '10', RADIO_LEASE_MS: '1500' }));
  await server.app.redis.del(...(await server.app.redis.keys('aero-melody:radio:*')), 'aero-melody:radio:none');
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await server?.close();
});

const wsUrl = (url: string) => `${url.replace('http', 'ws')}/graphql`;

function connect(url = server.url, token?: string): Client {
  const client = createClient({ url: wsUrl(url), webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: token ? { authorization: `Bearer ${token}` } : {} });
  clients.push(client);
  return client;
}

interface Received {
  value: any;
  receivedAt: number;
}

function listen(client: Client, query: string, variables: Record<string, unknown>) {
  const results: Received[] = [];
  let unsubscribe: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => {
    unsubscribe = client.subscribe(
      { query, variables },
      { next: (value) => results.push({ value, receivedAt: Date.now() }), error: (e) => (results.push({ value: { errors: [e] }, receivedAt: Date.now() }), resolve()), complete: resolve },
    );
  });
  return { results, ended, stop: () => unsubscribe() };
}

const until = async (check: () => boolean, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  return check();
};

describe('liveComposition', () => {
  it('streams the whole piece in time order, each window ahead of the moment it sounds, then completes', async () => {
    const stream = listen(connect(), LIVE, { input: SHORT });
    await stream.ended;
    const batches = stream.results.map((r) => r.value.data.liveComposition);
    expect(stream.results[0].value.errors).toBeUndefined();
    const events = batches.flatMap((b: any) => b.events);
    expect(events[0].kind).toBe('PIECE_START');
    expect(events.at(-1).kind).toBe('COMPLETE');
    expect(events.some((e: any) => e.kind === 'SECTION' && e.key && e.scale)).toBe(true);
    expect(events.some((e: any) => e.kind === 'CHORD' && e.chord && e.roman)).toBe(true);
    expect(events.some((e: any) => e.kind === 'PROGRESS')).toBe(true);
    for (let i = 1; i < events.length; i++) expect(events[i].at).toBeGreaterThanOrEqual(events[i - 1].at);
    for (let i = 1; i < batches.length; i++) expect(batches[i].sequence).toBeGreaterThan(batches[i - 1].sequence);

    // The same notes as the piece previewComposition returns for the same input.
    const preview = await server.graphql('query($input: ComposeInput!) { previewComposition(input: $input) { id tracks { notes { pitch } } } }', { input: SHORT });
    const noteCount = preview.data!.previewComposition.tracks.reduce((sum: number, t: any) => sum + t.notes.length, 0);
    expect(events.filter((e: any) => e.kind === 'NOTE')).toHaveLength(noteCount);
    expect(batches[0].piece.compositionId).toBe(preview.data!.previewComposition.id);
    const note = events.find((e: any) => e.kind === 'NOTE');
    expect(note).toMatchObject({ track: expect.any(String), channel: expect.any(Number), pitch: expect.any(Number), velocity: expect.any(Number), duration: expect.any(Number) });

    // Each window is sent ahead of the moment it sounds; soundsAt follows the piece's start.
    for (const [index, { value, receivedAt }] of stream.results.entries()) {
      const batch = value.data.liveComposition;
      expect(batch.lookaheadSeconds).toBe(0.5);
      for (const event of batch.events) expect(event.soundsAt).toBe(Math.round(batch.piece.startsAt + event.at * 1000));
      if (index > 0) expect(receivedAt).toBeLessThan(batch.piece.startsAt + batch.startSeconds * 1000);
    }
  });

  it('stops the work when the subscriber stops', async () => {
    const stream = listen(connect(), LIVE, { input: { ...SHORT, variation: 1 } });
    expect(await until(() => stream.results.length > 0)).toBe(true);
    stream.stop();
    await stream.ended;
    const heard = stream.results.length;
    await new Promise((r) => setTimeout(r, 800));
    expect(stream.results.length).toBe(heard);
    expect(stream.results.at(-1)!.value.data.liveComposition.events.some((e: any) => e.kind === 'COMPLETE')).toBe(false);
  });

  it('refuses a bad input and a private theme the subscriber may not use', async () => {
    const bad = listen(connect(), LIVE, { input: { ...SHORT, durationSeconds: 5 } });
    await bad.ended;
    expect(bad.results[0].value.errors[0].extensions.code).toBe('BAD_USER_INPUT');

    const designer = await server.signUp('live_designer');
    const theme = await server.graphql('mutation($input: ThemeInput!) { createTheme(input: $input) { id } }', { input: { name: 'Mine', visibility: 'PRIVATE' } }, designer.accessToken);
    const themeId = theme.data!.createTheme.id;
    const stranger = listen(connect(), LIVE, { input: { ...SHORT, theme: themeId } });
    await stranger.ended;
    expect(stranger.results).toHaveLength(1);
    expect(stranger.results[0].value.errors[0].extensions.code).toBe('BAD_USER_INPUT');

    const owner = listen(connect(server.url, designer.accessToken), LIVE, { input: { ...SHORT, theme: themeId } });
    expect(await until(() => owner.results.length > 0)).toBe(true);
    expect(owner.results[0].value.data.liveComposition.piece.theme).toBe(themeId);
    owner.stop();
  });
});

describe('liveRadio', () => {
  it('plays the same windows in the same order on two instances, lists the channel, and a late listener joins at the current position', async () => {
    const other = await startTestServer(testConfig({ RADIO_PIECE_SECONDS: '10', RADIO_LEASE_MS: '1500' }));
    try {
      const first = listen(connect(), RADIO, { channel: 'zrh' });
      const second = listen(connect(other.url), RADIO, { channel: 'ZRH' });
      expect(await until(() => first.results.length >= 5 && second.results.length >= 5)).toBe(true);
      const channels = await server.graphql('{ radioChannels { channel listeners nowPlaying } }');
      expect(channels.data!.radioChannels).toContainEqual({ channel: 'ZRH', listeners: 2, nowPlaying: expect.stringContaining('ZRH') });

      const late = listen(connect(other.url), RADIO, { channel: 'ZRH' });
      expect(await until(() => late.results.length >= 3)).toBe(true);
      await until(() => first.results.length >= 30);
      for (const stream of [first, second, late]) stream.stop();
      await Promise.all([first.ended, second.ended, late.ended]);
      // Listeners gone everywhere: the channel stops being listed (and its generator stops).
      let listed = true;
      for (let attempt = 0; attempt < 100 && listed; attempt++) {
        listed = (await server.graphql('{ radioChannels { channel } }')).data!.radioChannels.some((c: any) => c.channel === 'ZRH');
        if (listed) await new Promise((r) => setTimeout(r, 50));
      }
      expect(listed).toBe(false);
      expect(await server.app.redis.get('aero-melody:radio:lease:ZRH')).toBeNull();

      const key = (r: Received) => `${r.value.data.liveRadio.turn}/${r.value.data.liveRadio.sequence}`;
      const a = first.results.map(key);
      const b = second.results.map(key);
      const from = Math.max(a.indexOf(b[0]), 0);
      const overlap = Math.min(a.length - from, b.length);
      expect(overlap).toBeGreaterThan(3);
      expect(b.slice(0, overlap)).toEqual(a.slice(from, from + overlap));
      expect(second.results.slice(0, overlap).map((r) => r.value)).toEqual(first.results.slice(from, from + overlap).map((r) => r.value));
      // The late listener starts mid-stream, in step with the others, not at the start of a piece.
      expect(a).toContain(key(late.results[0]));
      expect(late.results[0].value.data.liveRadio.piece.airports[0]).toBe('ZRH');
    } finally {
      await other.close();
    }
  });

  it('refuses a channel that is not an airport with departures', async () => {
    const stream = listen(connect(), RADIO, { channel: 'NOPE' });
    await stream.ended;
    expect(stream.results[0].value.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('graphql-ws transport', () => {
  function raw(url = server.url) {
    const socket = new WebSocket(wsUrl(url), 'graphql-transport-ws');
    const messages: any[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data))));
    const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
    const opened = new Promise<void>((resolve) => socket.on('open', () => resolve()));
    return { socket, messages, closed, opened, send: (message: unknown) => socket.send(typeof message === 'string' ? message : JSON.stringify(message)) };
  }

  async function acknowledged(url = server.url) {
    const connection = raw(url);
    await connection.opened;
    connection.send({ type: 'connection_init' });
    await until(() => connection.messages.some((m) => m.type === 'connection_ack'));
    return connection;
  }

  it('closes a malformed message with 4400', async () => {
    const connection = await acknowledged();
    connection.send('{"type":"subscribe","id":1}');
    expect((await connection.closed).code).toBe(4400);
  });

  it('closes a connection that sends no init in time with 4408, and pings the ones that did', async () => {
    const quick = await startTestServer(testConfig({ WS_INIT_TIMEOUT_MS: '300', WS_KEEPALIVE_MS: '1000' }));
    try {
      const connection = raw(quick.url);
      expect((await connection.closed).code).toBe(4408);
      const alive = await acknowledged(quick.url);
      let pinged = false;
      alive.socket.on('ping', () => (pinged = true));
      expect(await until(() => pinged, 5_000)).toBe(true);
      alive.socket.close();
    } finally {
      await quick.close();
    }
  });

  it('closes a duplicate operation id with 4409 and a second init with 4429', async () => {
    const first = await acknowledged();
    const subscribe = { id: 'one', type: 'subscribe', payload: { query: LIVE, variables: { input: SHORT } } };
    first.send(subscribe);
    first.send(subscribe);
    expect((await first.closed).code).toBe(4409);

    const second = await acknowledged();
    second.send({ type: 'connection_init' });
    expect((await second.closed).code).toBe(4429);
  });

  it('refuses subscriptions past the per-connection limit and messages past maxPayload', async () => {
    const connection = await acknowledged();
    for (let i = 0; i <= 10; i++) connection.send({ id: `s${i}`, type: 'subscribe', payload: { query: LIVE, variables: { input: SHORT } } });
    expect(await until(() => connection.messages.some((m) => m.type === 'error'))).toBe(true);
    const refused = connection.messages.find((m) => m.type === 'error');
    expect(refused.id).toBe('s10');
    expect(refused.payload[0].message).toMatch(/At most 10 operations/);
    connection.socket.close();

    const big = await acknowledged();
    big.send({ id: 'big', type: 'subscribe', payload: { query: `{ themes { id } } # ${'x'.repeat(40_000)}` } });
    expect((await big.closed).code).toBe(1009);
  });
});
