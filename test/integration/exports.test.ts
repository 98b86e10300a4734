import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFlacCodec } from '../../server/adapters/flac.js';
import { createLocalFileStorage } from '../../server/adapters/file-storage.js';
import { STRAY_TEMPORARY_AGE_MS, sweepExports } from '../../server/jobs/export-sweeper.js';
import { ExportRepo } from '../../server/modules/exports/export.repo.js';
import { toGlobalId } from '../../server/graphql/relay.js';
import { inspectWav, rowIdOf } from '../support/audio.js';
import { testConfig } from '../support/environment.js';
import { until } from '../support/processes.js';
import { errorCode, startTestServer, type TestServer } from '../support/server.js';

type Person = Awaited<ReturnType<TestServer['signUp']>>;

const FREE_PER_DAY = 2;
const FREE_MAX_SECONDS = 60;

let server: TestServer;
let exportsDir: string;
let owner: Person;
let admin: Person;

const CREATE = 'mutation($input: ComposeInput!) { createComposition(input: $input) { id durationSeconds } }';
const REQUEST = 'mutation($c: ID!, $f: ExportFormat!) { requestExport(compositionId: $c, format: $f) { id status progress format url expiresAt } }';
const READ = 'query($id: ID!) { export(id: $id) { id status progress format url expiresAt } }';
const PROGRESS = 'subscription($id: ID!) { exportProgress(id: $id) { id status progress url } }';

async function piece(person: Person, input: Record<string, unknown> = {}): Promise<{ id: string; durationSeconds: number }> {
  const response = await server.graphql(CREATE, { input: { route: { from: 'JFK', to: 'LAX' }, theme: 'rock', durationSeconds: 15, ...input } }, person.accessToken);
  expect(response.errors).toBeUndefined();
  return response.data!.createComposition;
}

async function requestExport(person: Person, compositionId: string, format: 'WAV' | 'FLAC') {
  return server.graphql(REQUEST, { c: compositionId, f: format }, person.accessToken);
}

async function waitUntilDone(person: Person, exportId: string): Promise<{ status: string; url: string; expiresAt: string }> {
  let current: any = null;
  await until(async () => {
    current = (await server.graphql(READ, { id: exportId }, person.accessToken)).data!.export;
    return current.status === 'DONE' || current.status === 'FAILED';
  }, 120_000);
  expect(current.status).toBe('DONE');
  return current;
}

async function download(url: string): Promise<{ status: number; type: string | null; bytes: Uint8Array; text: string }> {
  const response = await fetch(`${server.url}${url}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, type: response.headers.get('content-type'), bytes, text: Buffer.from(bytes).toString('utf8') };
}

async function logInAgain(person: Person): Promise<Person> {
  const response = await server.graphql('mutation($input: LogInInput!) { logIn(input: $input) { accessToken } }', { input: { login: person.username, password: 'correct horse 42' } });
  return { ...person, accessToken: response.data!.logIn.accessToken };
}

beforeAll(async () => {
  exportsDir = await mkdtemp(join(tmpdir(), 'aero-exports-'));
  server = await startTestServer(testConfig({ EXPORTS_DIR: exportsDir, EXPORT_FREE_PER_DAY: String(FREE_PER_DAY), EXPORT_FREE_MAX_SECONDS: String(FREE_MAX_SECONDS) }));
  owner = await server.signUp('exporter');
  admin = await server.signUp('admin');
  await server.app.prisma.user.update({ where: { username: admin.username }, data: { role: 'ADMIN' } });
  admin = await logInAgain(admin);
});

afterAll(async () => {
  await server?.close();
  await rm(exportsDir, { recursive: true, force: true });
});

describe('WAV and FLAC exports', () => {
  let composition: { id: string; durationSeconds: number };
  let wavExportId: string;
  let wavBytes: Uint8Array;

  it('renders a WAV in the server process, with progress over exportProgress until DONE', async () => {
    composition = await piece(owner);
    const viewer = await server.graphql('{ viewer { tier } }', {}, owner.accessToken);
    expect(viewer.data!.viewer.tier).toBe('FREE');

    const requested = await requestExport(owner, composition.id, 'WAV');
    expect(requested.errors).toBeUndefined();
    const created = requested.data!.requestExport;
    expect(created).toMatchObject({ format: 'WAV', url: null, expiresAt: null });
    expect(['QUEUED', 'RENDERING']).toContain(created.status);
    wavExportId = created.id;

    const client = createClient({ url: `${server.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { accessToken: owner.accessToken } });
    const updates: { status: string; progress: number; url: string | null }[] = [];
    try {
      await new Promise<void>((resolve, reject) => {
        client.subscribe<any>(
          { query: PROGRESS, variables: { id: wavExportId } },
          {
            next: (result) => (result.errors ? reject(new Error(result.errors[0].message)) : updates.push(result.data.exportProgress)),
            error: reject,
            complete: resolve,
          },
        );
      });
    } finally {
      await client.dispose();
    }
    expect(updates.at(-1)).toMatchObject({ status: 'DONE', progress: 1 });
    expect(updates.at(-1)!.url).toMatch(/^\/exports\/[A-Za-z0-9_-]{43}\.wav$/);
    const progress = updates.map((update) => update.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    // A late subscriber gets the current state first; an early one also sees the render move.
    expect(updates.length).toBeGreaterThanOrEqual(2);

    const done = (await server.graphql(READ, { id: wavExportId }, owner.accessToken)).data!.export;
    expect(done.status).toBe('DONE');
    expect(new Date(done.expiresAt).getTime()).toBeGreaterThan(Date.now() + 3_600_000);
    const file = await download(done.url);
    expect(file.status).toBe(200);
    expect(file.type).toBe('audio/wav');
    wavBytes = file.bytes;
  });

  it('is a valid 16-bit 44.1 kHz stereo WAV as long as the piece, audible and not clipped', () => {
    const wav = inspectWav(wavBytes);
    expect(wav).toMatchObject({ formatTag: 1, channels: 2, sampleRate: 44_100, bitsPerSample: 16, byteRate: 44_100 * 4, blockAlign: 4, riffSize: wavBytes.length - 8 });
    expect(Math.abs(wav.seconds - composition.durationSeconds)).toBeLessThanOrEqual(1);
    expect(wav.rms).toBeGreaterThan(0.02);
    expect(wav.peak).toBeLessThan(32767);
    expect(wav.peak).toBeGreaterThan(0.85 * 32767);
  });

  it('FLAC is PREMIUM_REQUIRED for FREE accounts, and works once an admin grants PREMIUM', async () => {
    const refused = await requestExport(owner, composition.id, 'FLAC');
    expect(errorCode(refused)).toBe('PREMIUM_REQUIRED');
    expect(refused.errors![0].message).toMatch(/FLAC.*PREMIUM/);

    expect(errorCode(await server.graphql('mutation($u: String!) { grantPremium(username: $u) { tier } }', { u: owner.username }, owner.accessToken))).toBe('FORBIDDEN');
    expect(errorCode(await server.graphql('mutation($u: String!) { grantPremium(username: $u) { tier } }', { u: 'nobody_like_this' }, admin.accessToken))).toBe('NOT_FOUND');
    const granted = await server.graphql('mutation($u: String!) { grantPremium(username: $u) { username tier } }', { u: owner.username }, admin.accessToken);
    expect(granted.errors).toBeUndefined();
    // Someone else's tier is not theirs to see; the person sees their own at once, no new sign-in.
    expect(granted.data!.grantPremium).toEqual({ username: owner.username, tier: null });
    expect((await server.graphql('{ viewer { tier } }', {}, owner.accessToken)).data!.viewer.tier).toBe('PREMIUM');

    const flacRequest = await requestExport(owner, composition.id, 'FLAC');
    expect(flacRequest.errors).toBeUndefined();
    const done = await waitUntilDone(owner, flacRequest.data!.requestExport.id);
    expect(done.url).toMatch(/\.flac$/);
    const file = await download(done.url);
    expect(file.type).toBe('audio/flac');
    expect(file.bytes.length).toBeLessThan(wavBytes.length);
    const decoded = (await createFlacCodec()).decode(file.bytes);
    const wav = inspectWav(wavBytes);
    expect(decoded.sampleRate).toBe(44_100);
    expect(decoded.channels).toBe(2);
    expect(decoded.samples.length).toBe(wav.samples.length);
    expect(Buffer.from(decoded.samples.buffer).equals(Buffer.from(wav.samples.buffer))).toBe(true);
  });

  it('identical requests reuse one export and one file, and a reused file costs no quota', async () => {
    const again = await requestExport(owner, composition.id, 'WAV');
    expect(again.data!.requestExport.id).toBe(wavExportId);

    const listener = await server.signUp('listener');
    const theirs = await requestExport(listener, composition.id, 'WAV');
    expect(theirs.errors).toBeUndefined();
    // Ready at once from the stored file, under its own link.
    expect(theirs.data!.requestExport).toMatchObject({ status: 'DONE', progress: 1, format: 'WAV' });
    expect(theirs.data!.requestExport.id).not.toBe(wavExportId);
    const mine = (await server.graphql(READ, { id: wavExportId }, owner.accessToken)).data!.export;
    expect(theirs.data!.requestExport.url).not.toBe(mine.url);
    expect(Buffer.from((await download(theirs.data!.requestExport.url)).bytes).equals(Buffer.from(wavBytes))).toBe(true);

    const stored = (await readdir(exportsDir)).filter((name) => name.endsWith('.wav'));
    expect(stored).toHaveLength(1);
    const userId = rowIdOf(listener.userId);
    expect(await server.app.redis.get(`aero-melody:export-quota:${userId}:${new Date().toISOString().slice(0, 10)}`)).toBeNull();
  });

  it('QUOTA_EXCEEDED after the FREE renders of the day, saying when the quota resets', async () => {
    const member = await server.signUp('counted');
    for (let variation = 1; variation <= FREE_PER_DAY; variation++) {
      const response = await requestExport(member, (await piece(member, { variation, durationSeconds: 10 })).id, 'WAV');
      expect(response.errors).toBeUndefined();
    }
    const over = await requestExport(member, (await piece(member, { variation: 99, durationSeconds: 10 })).id, 'WAV');
    expect(errorCode(over)).toBe('QUOTA_EXCEEDED');
    const now = new Date();
    const midnight = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1)).toISOString();
    expect(over.errors![0].extensions!.resetsAt).toBe(midnight);
    expect(over.errors![0].extensions!.limit).toBe(FREE_PER_DAY);
    expect(over.errors![0].message).toContain(`resets at ${midnight}`);
  });

  it('FREE accounts export pieces up to the length limit; longer ones are PREMIUM_REQUIRED', async () => {
    const member = await server.signUp('longform');
    const long = await piece(member, { durationSeconds: FREE_MAX_SECONDS + 30 });
    const refused = await requestExport(member, long.id, 'WAV');
    expect(errorCode(refused)).toBe('PREMIUM_REQUIRED');
    expect(refused.errors![0].message).toContain(`up to ${FREE_MAX_SECONDS} s`);
  });

  it('a download link stops working when it expires (410), and unknown links are 404', async () => {
    const mine = (await server.graphql(READ, { id: wavExportId }, owner.accessToken)).data!.export;
    expect((await download(mine.url)).status).toBe(200);
    expect((await download(mine.url.replace('.wav', '.flac'))).status).toBe(404);
    await server.app.prisma.audioExport.update({ where: { id: rowIdOf(wavExportId) }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    const expired = await download(mine.url);
    expect(expired.status).toBe(410);
    expect(expired.text).toMatch(/expired/);
    expect((await server.graphql(READ, { id: wavExportId }, owner.accessToken)).data!.export.url).toBeNull();
    expect((await download(`/exports/${'A'.repeat(43)}.wav`)).status).toBe(404);
    // Asking again gives a fresh link to the same file, without a new render.
    const fresh = await requestExport(owner, composition.id, 'WAV');
    expect(fresh.data!.requestExport).toMatchObject({ status: 'DONE' });
    expect(fresh.data!.requestExport.id).not.toBe(wavExportId);
    expect((await download(fresh.data!.requestExport.url)).status).toBe(200);
  });

  it('answers bad requests with NOT_FOUND, FORBIDDEN and UNAUTHENTICATED', async () => {
    const stranger = await server.signUp('stranger');
    expect(errorCode(await requestExport(stranger, toGlobalId('Composition', 999_999_999), 'WAV'))).toBe('NOT_FOUND');
    const secret = await piece(owner, { visibility: 'PRIVATE' });
    expect(errorCode(await requestExport(stranger, secret.id, 'WAV'))).toBe('NOT_FOUND');
    const reserved = await piece(owner, { license: 'ALL_RIGHTS_RESERVED', variation: 5 });
    const forbidden = await requestExport(stranger, reserved.id, 'WAV');
    expect(errorCode(forbidden)).toBe('FORBIDDEN');
    expect(forbidden.errors![0].message).toMatch(/all rights reserved/);
    expect(errorCode(await server.graphql(REQUEST, { c: composition.id, f: 'WAV' }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await server.graphql(REQUEST, { c: composition.id, f: 'MP3' }, stranger.accessToken))).toBe('BAD_USER_INPUT');
    // Someone else's export is not theirs to read or watch.
    expect((await server.graphql(READ, { id: wavExportId }, stranger.accessToken)).data!.export).toBeNull();
    expect(errorCode(await server.graphql(READ, { id: wavExportId }))).toBe('UNAUTHENTICATED');
    const client = createClient({ url: `${server.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { accessToken: stranger.accessToken } });
    try {
      const errors = await new Promise<any>((resolve) => {
        client.subscribe({ query: PROGRESS, variables: { id: wavExportId } }, { next: (result) => resolve(result.errors), error: resolve, complete: () => resolve(null) });
      });
      expect(errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    } finally {
      await client.dispose();
    }
  });

  it('a link stops working once its piece is made PRIVATE or deleted, unless its requester may still see the piece', async () => {
    const listener = await server.signUp('follower');
    const theirs = (await requestExport(listener, composition.id, 'WAV')).data!.requestExport;
    const mine = (await requestExport(owner, composition.id, 'WAV')).data!.requestExport;
    expect(theirs.status).toBe('DONE');
    expect((await download(theirs.url)).status).toBe(200);

    const version = (await server.graphql('query($id: ID!) { composition(id: $id) { version } }', { id: composition.id }, owner.accessToken)).data!.composition.version;
    const hidden = await server.graphql(
      'mutation($id: ID!, $v: Int!) { updateComposition(id: $id, expectedVersion: $v, patch: { visibility: PRIVATE }) { visibility } }',
      { id: composition.id, v: version },
      owner.accessToken,
    );
    expect(hidden.data!.updateComposition.visibility).toBe('PRIVATE');
    expect((await download(theirs.url)).status).toBe(404);
    expect((await download(mine.url)).status).toBe(200);

    expect((await server.graphql('mutation($id: ID!) { deleteComposition(id: $id) }', { id: composition.id }, owner.accessToken)).errors).toBeUndefined();
    expect((await download(mine.url)).status).toBe(404);
  });

  it('a sweeper removes files no live link reaches and temporary files left by dead writers', async () => {
    const repo = new ExportRepo(server.app.prisma);
    const storage = createLocalFileStorage(exportsDir);
    const livePiece = rowIdOf((await piece(owner, { variation: 7 })).id);
    const exportRow = (renderKey: string, expiresAt: Date, compositionId: number | null) => ({
      userId: rowIdOf(owner.userId),
      compositionId,
      format: 'WAV' as const,
      renderKey,
      token: randomBytes(32).toString('base64url'),
      durationSeconds: 15,
      status: 'DONE' as const,
      progress: 1,
      expiresAt,
    });
    const [live, expired, orphaned] = ['a', 'b', 'c'].map((letter) => letter.repeat(64));
    await server.app.prisma.audioExport.createMany({
      data: [exportRow(live, new Date(Date.now() + 3_600_000), livePiece), exportRow(expired, new Date(Date.now() - 1_000), livePiece), exportRow(orphaned, new Date(Date.now() + 3_600_000), null)],
    });
    const longAgo = new Date(Date.now() - STRAY_TEMPORARY_AGE_MS - 60_000);
    const files = { live: `${live}.wav`, expired: `${expired}.wav`, orphaned: `${orphaned}.wav`, stray: `${'f'.repeat(64)}.wav.0123456789ab.tmp`, writing: `${'e'.repeat(64)}.wav.ba9876543210.tmp` };
    for (const [name, file] of Object.entries(files)) {
      await writeFile(join(exportsDir, file), 'audio');
      if (name !== 'writing') await utimes(join(exportsDir, file), longAgo, longAgo);
    }

    const removed = await sweepExports(repo, storage, new Date());
    expect(removed.stray).toBe(1);
    expect(removed.expired).toBeGreaterThanOrEqual(2);
    const left = new Set(await readdir(exportsDir));
    expect([files.live, files.expired, files.orphaned, files.stray, files.writing].map((file) => left.has(file))).toEqual([true, false, false, false, true]);
  });
});
