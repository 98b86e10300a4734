/**
 * The cluster as `npm run cluster` starts it — HAProxy, three instances, one export worker — with
 * Prometheus scraping it, and every request through HAProxy (docs/operations.md,
 * "Running several instances").
 */
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster } from '../../scripts/cluster.mjs';
import { CLUSTER_PORT, RADIO_LEASE_MS, clusterEnvironment, grantRole, prepareData, promQuery, scratchDirectory, startPrometheus } from './environment.js';
import { startLoad } from './load.js';
import { dataOf, eventually, graphql, logIn, onEveryInstance, signUp, subscribe, type Subscription } from './support.js';

type Cluster = Awaited<ReturnType<typeof startCluster>>;
type Instance = Cluster['instances'][number];

const PROMETHEUS_PORT = CLUSTER_PORT + 9;
const NAMES = ['instance-1', 'instance-2', 'instance-3'];
const scratch = scratchDirectory();
let cluster: Cluster;
let prometheus: ChildProcess | null = null;
let url: string;
const subscriptions: Subscription<unknown>[] = [];
let owner: { token: string; username: string };

const instanceNamed = (name: string): Instance => cluster.instances.find((instance) => instance.name === name)!;

async function restart(instance: Instance): Promise<void> {
  await cluster.startReady(instance);
  // HAProxy puts it back after one passing check.
  await eventually(async () => (await graphql(url, '{ __typename }')).servedBy === instance.name || null, 10_000, 0);
}

/** A scenario that failed half-way may have left an instance stopped: the next ones start from a whole cluster. */
async function everyInstanceRunning(): Promise<void> {
  for (const instance of cluster.instances) {
    if (instance.child.exitCode !== null || instance.child.signalCode !== null) await restart(instance);
  }
}

async function createPiece(token: string, visibility: 'PUBLIC' | 'PRIVATE' = 'PUBLIC'): Promise<{ id: string; version: number; title: string }> {
  const data = dataOf(
    await graphql<{ createComposition: { id: string; version: number; title: string } }>(
      url,
      'mutation($input: ComposeInput!) { createComposition(input: $input) { id version title } }',
      { input: { route: { from: 'GVA', to: 'LHR' }, visibility, durationSeconds: 10 } },
      { token },
    ),
  );
  return data.createComposition;
}

beforeAll(async () => {
  await prepareData();
  cluster = await startCluster({ port: CLUSTER_PORT, env: clusterEnvironment(scratch), logDir: join(scratch, 'logs') });
  url = cluster.url;
  prometheus = startPrometheus(scratch, PROMETHEUS_PORT);
  owner = await signUp(url, 'owner');
});

afterAll(async () => {
  await Promise.all(subscriptions.map((subscription) => subscription.dispose().catch(() => undefined)));
  await cluster?.stop();
  prometheus?.kill('SIGTERM');
  rmSync(scratch, { recursive: true, force: true });
});

describe('a cluster behind HAProxy', () => {
  it('names the answering instance and spreads requests over all three', async () => {
    const seen = await onEveryInstance(
      NAMES,
      () => graphql(url, '{ __typename }'),
      (answer) => answer.status === 200,
      10_000,
    );
    expect([...seen].sort()).toEqual(NAMES);
  });

  it('1. delivers a change made on one instance to a compositionChanged subscriber on another', async () => {
    const piece = await createPiece(owner.token);
    const changes = subscribe(url, 'subscription($id: ID!) { compositionChanged(id: $id) { version composition { title } } }', { id: piece.id }, (data) => data.compositionChanged, {
      token: owner.token,
    });
    subscriptions.push(changes);
    const listenerOn = await changes.servedBy;
    // Edits until one made on another instance than the listener's has reached it (the first may
    // come before the subscription is in place on a loaded machine).
    const editedOn = new Map<number, string>();
    let version = piece.version;
    const crossed = await eventually(
      async () => {
        const title = `Edited ${version}`;
        const answer = await graphql(
          url,
          'mutation($id: ID!, $v: Int!, $t: String!) { updateComposition(id: $id, patch: { title: $t }, expectedVersion: $v) { version } }',
          { id: piece.id, v: version, t: title },
          { token: owner.token },
        );
        version = dataOf(answer).updateComposition.version;
        editedOn.set(version, answer.servedBy!);
        await new Promise((resolve) => setTimeout(resolve, 500));
        return changes.received.find((change) => editedOn.get(change.value.version) !== listenerOn && change.value.composition.title === `Edited ${change.value.version - 1}`);
      },
      20_000,
      0,
    );
    expect(crossed).toBeTruthy();
    expect(editedOn.get(crossed!.value.version)).not.toBe(listenerOn);
    // Changes arrive in the order they were made.
    const versions = changes.received.map((change) => change.value.version);
    expect(versions).toEqual([...versions].sort((x, y) => x - y));
  });

  it('2. serves the new version of a cached piece from every instance after an update', async () => {
    const piece = await createPiece(owner.token);
    const read = () => graphql(url, 'query($id: ID!) { composition(id: $id) { title version } }', { id: piece.id });
    const cached = await onEveryInstance(NAMES, read, (answer) => answer.data?.composition?.version === piece.version, 10_000);
    expect(cached.size).toBe(3);
    dataOf(
      await graphql(
        url,
        'mutation($id: ID!, $v: Int!) { updateComposition(id: $id, patch: { title: "Renamed" }, expectedVersion: $v) { version } }',
        { id: piece.id, v: piece.version },
        { token: owner.token },
      ),
    );
    // Right after the update, no instance may still serve the old version.
    const fresh = await onEveryInstance(
      NAMES,
      read,
      (answer) => {
        expect(answer.data?.composition).toMatchObject({ title: 'Renamed', version: piece.version + 1 });
        return true;
      },
      10_000,
    );
    expect(fresh.size).toBe(3);
  });

  it('4. answers analytics on every instance, counts an event everywhere within 5 s, and survives the writer dying', { timeout: 300_000 }, async () => {
    const partner = await signUp(url, 'partner');
    await grantRole(partner.username, 'PARTNER');
    const token = await logIn(url, partner.username);
    const apiKey = dataOf(await graphql<{ createApiKey: { key: string } }>(url, 'mutation { createApiKey(name: "cluster") { key } }', {}, { token })).createApiKey.key;
    const usage = () => graphql(url, '{ analytics { usage { requests } } }', {}, { token });
    const countedEverywhere = async (expected: number) => (await onEveryInstance(NAMES, usage, (answer) => answer.data?.analytics?.usage?.requests === expected, 5_000)).size === 3;

    const answered = await onEveryInstance(NAMES, usage, (answer) => answer.status === 200 && !answer.errors, 10_000);
    expect([...answered].sort()).toEqual(NAMES);
    // API_REQUEST events: one per request made with the partner's key.
    const made = await graphql(url, '{ airport(code: "ZRH") { name } }', {}, { apiKey });
    expect(made.status).toBe(200);
    expect(await countedEverywhere(1)).toBe(true);

    const writers = await Promise.all(cluster.instances.map(async (instance) => ((await (await fetch(`${instance.url}/readyz`)).json()) as { analyticsWriter: boolean }).analyticsWriter));
    expect(writers.filter(Boolean)).toHaveLength(1);
    const writer = cluster.instances[writers.indexOf(true)];
    for (let i = 0; i < 5; i++) dataOf(await graphql(url, '{ airport(code: "BSL") { name } }', {}, { apiKey }));
    // Every instance sends its events to the Redis stream in 20 ms batches: one killed inside that
    // window loses what it had not sent (seen here as 10 of 11). What this tests is the writer's
    // handover of events already in the stream, so the kill waits for the batches to leave.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await writer.stop('SIGKILL');
    for (let i = 0; i < 5; i++) dataOf(await graphql(url, '{ airport(code: "MXP") { name } }', {}, { apiKey }));
    const survivors = NAMES.filter((name) => name !== writer.name);
    // Another instance takes the lease, and every event is counted exactly once; a failure shows
    // what the survivors answered.
    const answers: unknown[] = [];
    const total = await eventually(async () => {
      const seen = await onEveryInstance(
        survivors,
        usage,
        (answer) => {
          answers.push(answer.data?.analytics?.usage?.requests ?? answer.errors);
          return answer.data?.analytics?.usage?.requests === 11;
        },
        5_000,
      );
      return seen.size === survivors.length;
    }, 20_000);
    expect(total, `survivors answered: ${JSON.stringify(answers.slice(-6))}`).toBe(true);
    await restart(writer);
    expect(await countedEverywhere(11)).toBe(true);
    const csv = await onEveryInstance(
      NAMES,
      async () => {
        const response = await fetch(`${url}/analytics/usage.csv`, { headers: { 'x-api-key': apiKey } });
        return { status: response.status, servedBy: response.headers.get('x-served-by'), data: { text: await response.text() } };
      },
      (answer) => answer.status === 200 && (answer.data!.text as string).trim().split('\n').length === 12,
      10_000,
    );
    expect(csv.size).toBe(3);
  });

  it('5. renders an export requested through one instance in the worker and downloads it through another', async () => {
    await everyInstanceRunning();
    const piece = await createPiece(owner.token, 'PRIVATE');
    const requested = await graphql(url, 'mutation($c: ID!) { requestExport(compositionId: $c, format: WAV) { id } }', { c: piece.id }, { token: owner.token });
    const exportId = dataOf(requested).requestExport.id;
    const done = await eventually(
      async () => {
        const answer = await graphql(url, 'query($id: ID!) { export(id: $id) { status url } }', { id: exportId }, { token: owner.token });
        return answer.data?.export?.status === 'DONE' ? (answer.data.export as { url: string }) : null;
      },
      60_000,
      250,
    );
    expect(done?.url).toBeTruthy();
    let downloadedOn = requested.servedBy;
    let bytes = 0;
    for (let i = 0; i < 6 && downloadedOn === requested.servedBy; i++) {
      const response = await fetch(new URL(done!.url, url), { headers: { authorization: `Bearer ${owner.token}` } });
      expect(response.status).toBe(200);
      bytes = (await response.arrayBuffer()).byteLength;
      downloadedOn = response.headers.get('x-served-by');
    }
    expect(downloadedOn).not.toBe(requested.servedBy);
    // A 10 s stereo 16-bit WAV at 44.1 kHz.
    expect(bytes).toBeGreaterThan(44_100 * 4 * 9);
  });

  it('3. keeps two liveRadio listeners on different instances in step, and resumes within 5 s when the generator is killed', { timeout: 300_000 }, async () => {
    await everyInstanceRunning();
    const radio = 'subscription { liveRadio(channel: "ZRH") { turn sequence startSeconds piece { startsAt } } }';
    const pick = (data: any) => ({ key: `${data.liveRadio.turn}/${data.liveRadio.sequence}`, soundsAt: data.liveRadio.piece.startsAt + data.liveRadio.startSeconds * 1_000 });
    const first = subscribe(url, radio, {}, pick);
    subscriptions.push(first);
    const holderName = await first.servedBy;
    // The first listener's instance starts the channel and holds its lease.
    expect(await eventually(async () => first.received.length >= 3, 20_000)).toBe(true);
    let second = subscribe(url, radio, {}, pick);
    for (let i = 0; i < 4 && (await second.servedBy) === holderName; i++) {
      await second.dispose();
      second = subscribe(url, radio, {}, pick);
    }
    subscriptions.push(second);
    expect(await second.servedBy).not.toBe(holderName);
    expect(await eventually(async () => second.received.length >= 10, 20_000)).toBe(true);
    const firstKeys = first.received.map((batch) => batch.value.key);
    const start = firstKeys.indexOf(second.received[0].value.key);
    expect(start).toBeGreaterThanOrEqual(0);
    const overlap = Math.min(firstKeys.length - start, second.received.length);
    expect(second.received.slice(0, overlap).map((batch) => batch.value.key)).toEqual(firstKeys.slice(start, start + overlap));

    const killedAt = Date.now();
    await instanceNamed(holderName).stop('SIGKILL');
    // Windows sent ahead before the kill still arrive; the dead generator sent none sounding later
    // than the lookahead (500 ms) after it. The first such window comes from the new generator.
    const LOOKAHEAD_MS = 500;
    const resumed = await eventually(async () => second.received.find((batch) => batch.value.soundsAt > killedAt + LOOKAHEAD_MS), 15_000, 20);
    expect(resumed).toBeTruthy();
    const resumedAfterMs = resumed!.at - killedAt;
    console.info(`liveRadio resumed ${resumedAfterMs} ms after SIGKILL of its generator (lease ${RADIO_LEASE_MS} ms)`);
    expect(resumedAfterMs).toBeLessThan(5_000);
    const keys = second.received.map((batch) => batch.value.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('6. restarts every instance in turn under load: 0 failed HTTP requests, 0 lost writes, subscriptions resume', { timeout: 600_000 }, async () => {
    await everyInstanceRunning();
    const piece = await createPiece(owner.token);
    const load = startLoad(url, owner, piece.id, piece.version);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    for (const instance of cluster.instances) {
      const { code } = await instance.stop('SIGTERM');
      expect(code).toBe(0);
      await restart(instance);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    const restartedAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const report = await load.stop();
    console.info(
      `rolling restart: ${report.requests} HTTP requests, ${report.failed.length} failed, ${report.acknowledgedVersions.length} writes acknowledged, ${report.changes.received.length} changes heard`,
    );
    expect(report.failed).toEqual([]);
    expect(report.requests).toBeGreaterThan(100);
    const last = report.acknowledgedVersions.at(-1)!;
    // Every acknowledged rename is there: versions move by one per write, and the last one is the piece's.
    expect(report.acknowledgedVersions).toEqual(Array.from({ length: report.acknowledgedVersions.length }, (_, i) => piece.version + 1 + i));
    const final = dataOf(await graphql(url, 'query($id: ID!) { composition(id: $id) { version title } }', { id: piece.id }, { token: owner.token }));
    expect(final.composition).toEqual({ version: last, title: `Load ${last}` });
    // The listener reconnected after the last restart and heard the writes after it.
    expect(await eventually(async () => report.changes.received.some((change) => change.at > restartedAt && change.value === last), 5_000)).toBe(true);
    await report.changes.dispose();
  });

  it('7. Prometheus sees all three instances up, each with a non-zero request rate', async () => {
    await everyInstanceRunning();
    const up = await eventually(
      async () => {
        const samples = await promQuery(PROMETHEUS_PORT, 'up{job="aero-melody"}');
        return samples.length === 3 && samples.every((sample) => sample.value === 1) ? samples : null;
      },
      30_000,
      500,
    );
    expect(up?.map((sample) => sample.metric.instance).sort()).toEqual(NAMES);
    // Some traffic on every instance while Prometheus watches.
    await onEveryInstance(
      NAMES,
      () => graphql(url, '{ airport(code: "JFK") { name } }'),
      (answer) => answer.status === 200,
      10_000,
    );
    const rates = await eventually(
      async () => {
        const samples = await promQuery(PROMETHEUS_PORT, 'sum by (instance) (rate(aero_melody_graphql_requests_total[1m]))');
        return samples.length === 3 && samples.every((sample) => sample.value > 0) ? samples : null;
      },
      30_000,
      1_000,
    );
    expect(rates?.map((sample) => sample.metric.instance).sort()).toEqual(NAMES);
  });
});
