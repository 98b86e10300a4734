import toneMidi from '@tonejs/midi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestServer, type TestServer } from '../support/server.js';

const { Midi } = toneMidi;
let server: TestServer;
let designer: Awaited<ReturnType<TestServer['signUp']>>;
let other: Awaited<ReturnType<TestServer['signUp']>>;

beforeAll(async () => {
  server = await startTestServer();
  designer = await server.signUp('designer');
  other = await server.signUp('other');
});

afterAll(async () => {
  await server.close();
});

const CREATE =
  'mutation($input: ThemeInput!) { createTheme(input: $input) { id name builtIn visibility tempoMin tempoMax scales instruments { role program instrument } drumPattern mapping { key tempo mode } owner { username } } }';
const SOUNDSCAPE = {
  name: 'Harbour Night',
  description: 'Marimba over strings',
  basedOn: 'ambient',
  tempoMin: 70,
  tempoMax: 100,
  scales: ['DORIAN', 'MIXOLYDIAN'],
  instruments: [
    { role: 'MELODY', name: 'Marimba', program: 12 },
    { role: 'HARMONY', name: 'Strings', program: 48 },
    { role: 'BASS', name: 'Cello', program: 42 },
  ],
  density: 0.5,
  swing: 0.1,
  mapping: { key: 'LATITUDE', tempo: 'HUB_SIZE', mode: 'HEADING' },
};

describe('custom themes', () => {
  it('are designed from a built-in base, used to compose, and keep old pieces unchanged when edited or deleted', async () => {
    const created = await server.graphql(CREATE, { input: SOUNDSCAPE }, designer.accessToken);
    expect(created.errors).toBeUndefined();
    const theme = created.data!.createTheme;
    expect(theme).toMatchObject({
      name: 'Harbour Night',
      builtIn: false,
      visibility: 'PUBLIC',
      tempoMin: 70,
      tempoMax: 100,
      scales: ['DORIAN', 'MIXOLYDIAN'],
      drumPattern: null,
      owner: { username: designer.username },
    });
    expect(theme.instruments.map((i: { instrument: string }) => i.instrument)).toEqual(['Marimba', 'String Ensemble 1', 'Cello']);
    expect(theme.mapping).toEqual({ key: 'LATITUDE', tempo: 'HUB_SIZE', mode: 'HEADING' });

    const piece = await server.graphql(
      'mutation($t: String!) { createComposition(input: { route: { from: "SYD", to: "AKL" }, theme: $t }) { id midi scale tempoBpm theme { id name } } }',
      { t: theme.id },
      designer.accessToken,
    );
    expect(piece.errors).toBeUndefined();
    const saved = piece.data!.createComposition;
    expect(saved.theme).toEqual({ id: theme.id, name: 'Harbour Night' });
    expect(['DORIAN', 'MIXOLYDIAN']).toContain(saved.scale);
    expect(saved.tempoBpm).toBeGreaterThanOrEqual(70);
    expect(saved.tempoBpm).toBeLessThanOrEqual(100);
    const programs = new Midi(Buffer.from(saved.midi, 'base64')).tracks.filter((t) => t.notes.length > 0).map((t) => t.instrument.number);
    expect(programs).toEqual([12, 48, 42]);

    const updated = await server.graphql(
      'mutation($id: String!) { updateTheme(id: $id, input: { instruments: [{ role: MELODY, name: "Flute", program: 73 }] }) { instruments { program } } }',
      { id: theme.id },
      designer.accessToken,
    );
    expect(updated.data!.updateTheme.instruments).toEqual([{ program: 73 }]);
    const again = await server.graphql('query($id: ID!) { composition(id: $id) { midi theme { instruments { program } } } }', { id: saved.id });
    expect(again.data!.composition.midi).toBe(saved.midi);
    expect(again.data!.composition.theme.instruments.map((i: { program: number }) => i.program)).toEqual([12, 48, 42]);

    expect((await server.graphql('mutation($id: String!) { deleteTheme(id: $id) }', { id: theme.id }, designer.accessToken)).data!.deleteTheme).toBe(theme.id);
    expect((await server.graphql('query($id: ID!) { composition(id: $id) { midi } }', { id: saved.id })).data!.composition.midi).toBe(saved.midi);
    expect((await server.graphql('query($id: String!) { theme(id: $id) { id } }', { id: theme.id })).data!.theme).toBeNull();
  });

  it('validates with precise messages', async () => {
    const bad = async (input: Record<string, unknown>) => {
      const response = await server.graphql(CREATE, { input: { name: 'Bad', ...input } }, designer.accessToken);
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      return response.errors![0].message;
    };
    expect(await bad({ instruments: [{ role: 'MELODY', name: 'Lead', program: 200 }] })).toMatch(/program must be a General MIDI program from 0 to 127/);
    expect(await bad({ tempoMin: 120, tempoMax: 90 })).toMatch(/tempo range is inverted.*tempoMin \(120\) must be below tempoMax \(90\)/);
    expect(
      await bad({
        instruments: [
          { role: 'MELODY', name: 'A', program: 1 },
          { role: 'MELODY', name: 'B', program: 2 },
        ],
      }),
    ).toMatch(/exactly one MELODY/);
    expect(
      await bad({
        instruments: [
          { role: 'MELODY', name: 'A', program: 1 },
          { role: 'DRUMS', name: 'Kit', program: 0 },
        ],
        basedOn: 'classical',
      }),
    ).toMatch(/DRUMS part needs a drumPattern/);
    expect(await bad({ dynamicsBase: 100, dynamicsRange: 60 })).toMatch(/dynamicsBase \+ dynamicsRange must be at most 127/);
    expect(await bad({ drumPattern: 'polka-beat' })).toMatch(/drumPattern must be one of/);
    expect(await bad({ basedOn: 'polka' })).toMatch(/basedOn must be a built-in theme/);
    expect(errorCode(await server.graphql(CREATE, { input: SOUNDSCAPE }))).toBe('UNAUTHENTICATED');
  });

  it('keeps private themes to their owner and sorts the public gallery by use', async () => {
    const secret = (await server.graphql(CREATE, { input: { ...SOUNDSCAPE, name: 'Secret', visibility: 'PRIVATE' } }, designer.accessToken)).data!.createTheme;
    const compose = 'query($t: String!) { previewComposition(input: { route: { from: "LHR", to: "CDG" }, theme: $t }) { theme { id } } }';
    expect((await server.graphql(compose, { t: secret.id }, designer.accessToken)).errors).toBeUndefined();
    expect(errorCode(await server.graphql(compose, { t: secret.id }, other.accessToken))).toBe('BAD_USER_INPUT');
    expect((await server.graphql('query($id: String!) { theme(id: $id) { id } }', { id: secret.id }, other.accessToken)).data!.theme).toBeNull();
    expect(errorCode(await server.graphql('mutation($id: String!) { updateTheme(id: $id, input: { name: "Mine" }) { id } }', { id: secret.id }, other.accessToken))).toBe('NOT_FOUND');
    expect(errorCode(await server.graphql('mutation { updateTheme(id: "jazz", input: { name: "Mine" }) { id } }', {}, other.accessToken))).toBe('FORBIDDEN');

    const quiet = (await server.graphql(CREATE, { input: { ...SOUNDSCAPE, name: 'Quiet' } }, designer.accessToken)).data!.createTheme;
    const popular = (await server.graphql(CREATE, { input: { ...SOUNDSCAPE, name: 'Popular' } }, designer.accessToken)).data!.createTheme;
    for (let i = 0; i < 2; i++) {
      await server.graphql('mutation($t: String!) { createComposition(input: { route: { from: "LHR", to: "CDG" }, theme: $t }) { id } }', { t: popular.id }, other.accessToken);
    }
    const gallery = (await server.graphql('{ themes(filter: { scope: GALLERY }) { id usageCount } }')).data!.themes;
    const ids = gallery.map((t: { id: string }) => t.id);
    expect(ids).not.toContain(secret.id);
    expect(ids.indexOf(popular.id)).toBeLessThan(ids.indexOf(quiet.id));
    expect(gallery.find((t: { id: string }) => t.id === popular.id).usageCount).toBe(2);
    const mine = (await server.graphql('{ themes(filter: { scope: MINE }) { id } }', {}, designer.accessToken)).data!.themes.map((t: { id: string }) => t.id);
    expect(mine).toEqual(expect.arrayContaining([secret.id, quiet.id, popular.id]));
    const all = (await server.graphql('{ themes { id builtIn } }')).data!.themes;
    expect(all.slice(0, 8).every((t: { builtIn: boolean }) => t.builtIn)).toBe(true);
  });
});
