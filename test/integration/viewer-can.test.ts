import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../support/environment.js';
import { errorCode, startTestServer, type TestServer } from '../support/server.js';

type Person = Awaited<ReturnType<TestServer['signUp']>>;
type Who = 'owner' | 'editor' | 'viewer' | 'other' | 'admin' | 'anonymous';
type Action = 'edit' | 'setVisibility' | 'setLicence' | 'invite' | 'comment' | 'export' | 'remix' | 'delete';

let server: TestServer;
let exportsDir: string;
const people = {} as Record<Exclude<Who, 'anonymous'>, Person>;
let spare: Person;

const CREATE = 'mutation($input: ComposeInput!) { createComposition(input: $input) { id } }';
const VIEWER_CAN = 'query($id: ID!) { composition(id: $id) { version viewerCan { edit setVisibility setLicence delete invite enterContest comment export remix } } }';

async function logInAgain(person: Person): Promise<Person> {
  const response = await server.graphql('mutation($input: LogInInput!) { logIn(input: $input) { accessToken } }', { input: { login: person.username, password: 'correct horse 42' } });
  return { ...person, accessToken: response.data!.logIn.accessToken };
}

const tokenOf = (who: Who) => (who === 'anonymous' ? undefined : people[who].accessToken);

async function read(id: string, who: Who) {
  return (await server.graphql(VIEWER_CAN, { id }, tokenOf(who))).data!.composition as { version: number; viewerCan: Record<Action | 'enterContest', boolean> } | null;
}

/** Tries the action for real; true when the server did it, false when it refused with an expected code. */
async function attempt(id: string, action: Action, who: Who): Promise<boolean> {
  const version = (await read(id, 'owner'))!.version;
  const current = (await server.graphql('query($id: ID!) { composition(id: $id) { visibility license } }', { id }, people.owner.accessToken)).data!.composition;
  const update = (patch: Record<string, unknown>) =>
    server.graphql('mutation($id: ID!, $patch: CompositionPatch!, $v: Int!) { updateComposition(id: $id, patch: $patch, expectedVersion: $v) { id } }', { id, patch, v: version }, tokenOf(who));
  const response = await {
    edit: () => update({ title: `Edited by ${who}` }),
    setVisibility: () => update({ visibility: current.visibility }),
    setLicence: () => update({ license: current.license }),
    invite: () => server.graphql('mutation($id: ID!, $u: String!) { inviteCollaborator(compositionId: $id, username: $u, role: VIEWER) { id } }', { id, u: spare.username }, tokenOf(who)),
    comment: () => server.graphql('mutation($input: AddCommentInput!) { addComment(input: $input) { id } }', { input: { compositionId: id, body: `From ${who}` } }, tokenOf(who)),
    export: () => server.graphql('mutation($id: ID!) { requestExport(compositionId: $id, format: WAV) { id } }', { id }, tokenOf(who)),
    remix: () => server.graphql('mutation($id: ID!) { remixComposition(id: $id) { id } }', { id }, tokenOf(who)),
    delete: () => server.graphql('mutation($id: ID!) { deleteComposition(id: $id) }', { id }, tokenOf(who)),
  }[action]();
  if (!response.errors) return true;
  expect(['FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED'], `${who} ${action}: ${JSON.stringify(response.errors)}`).toContain(errorCode(response));
  return false;
}

beforeAll(async () => {
  exportsDir = await mkdtemp(join(tmpdir(), 'aero-viewer-can-'));
  server = await startTestServer(testConfig({ EXPORTS_DIR: exportsDir, EXPORT_FREE_PER_DAY: '100' }));
  for (const who of ['owner', 'editor', 'viewer', 'other', 'admin'] as const) people[who] = await server.signUp(who);
  spare = await server.signUp('spare');
  await server.app.prisma.user.update({ where: { username: people.admin.username }, data: { role: 'ADMIN' } });
  people.admin = await logInAgain(people.admin);
});

afterAll(async () => {
  await server?.close();
  await rm(exportsDir, { recursive: true, force: true });
});

const ORDER: Who[] = ['owner', 'editor', 'viewer', 'other', 'admin', 'anonymous'];
// Delete goes last: it ends the piece for everyone.
const ACTIONS: Action[] = ['edit', 'setVisibility', 'setLicence', 'invite', 'comment', 'export', 'remix', 'delete'];

describe('Composition.viewerCan', () => {
  for (const [visibility, license] of [
    ['PUBLIC', 'CC_BY_4_0'],
    ['PUBLIC', 'ALL_RIGHTS_RESERVED'],
    ['PRIVATE', 'CC_BY_NC_4_0'],
  ] as const) {
    it(`matches what the mutations allow on a ${visibility} ${license} piece, for owner, collaborators, others, an admin and the signed out`, async () => {
      const created = await server.graphql(CREATE, { input: { route: { from: 'JFK', to: 'LAX' }, theme: 'rock', durationSeconds: 10, visibility, license } }, people.owner.accessToken);
      expect(created.errors).toBeUndefined();
      const id = created.data!.createComposition.id as string;
      for (const [who, role] of [
        ['editor', 'EDITOR'],
        ['viewer', 'VIEWER'],
      ] as const) {
        const invited = await server.graphql(
          'mutation($id: ID!, $u: String!, $r: CollaboratorRole!) { inviteCollaborator(compositionId: $id, username: $u, role: $r) { id } }',
          { id, u: people[who].username, r: role },
          people.owner.accessToken,
        );
        expect(invited.errors).toBeUndefined();
      }

      const promised = new Map<Who, Record<string, boolean> | null>();
      for (const who of ORDER) promised.set(who, (await read(id, who))?.viewerCan ?? null);
      // Someone who may not see the piece gets no piece, hence no promises: everything is refused.
      expect(ORDER.filter((who) => promised.get(who) === null)).toEqual(visibility === 'PRIVATE' ? ['other', 'admin', 'anonymous'] : []);

      const owners = (action: Action) => ORDER.filter((who) => promised.get(who)?.[action]);
      expect(owners('edit')).toEqual(['owner', 'editor']);
      expect(owners('delete')).toEqual(['owner']);
      expect(owners('remix')).toEqual(license === 'ALL_RIGHTS_RESERVED' ? ['owner'] : visibility === 'PRIVATE' ? ['owner', 'editor', 'viewer'] : ['owner', 'editor', 'viewer', 'other', 'admin']);
      expect(owners('export')).toEqual(license === 'ALL_RIGHTS_RESERVED' || visibility === 'PRIVATE' ? ['owner', 'editor', 'viewer'] : ['owner', 'editor', 'viewer', 'other', 'admin']);

      for (const action of ACTIONS) {
        // The owner last, so a refused attempt is never explained by an earlier success (a deleted piece).
        for (const who of [...ORDER.slice(1), 'owner'] as Who[]) {
          expect(await attempt(id, action, who), `${who} ${action} on ${visibility} ${license}`).toBe(promised.get(who)?.[action] ?? false);
        }
      }
    });
  }

  it('promises nothing for a preview', async () => {
    const preview = await server.graphql('{ previewComposition(input: { route: { from: "JFK", to: "LAX" } }) { viewerCan { edit delete remix export comment } } }', {}, people.owner.accessToken);
    expect(preview.data!.previewComposition.viewerCan).toEqual({ edit: false, delete: false, remix: false, export: false, comment: false });
  });
});
