import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import toneMidi from '@tonejs/midi';
import { errorCode, startTestServer, type TestServer } from '../support/server.js';

const { Midi } = toneMidi;
let server: TestServer;
let token: string;

beforeAll(async () => {
  server = await startTestServer();
  token = (await server.signUp('composer')).accessToken;
});

afterAll(async () => {
  await server.close();
});

const FULL = `
  id title saved kind tempoBpm key scale timeSignature durationSeconds variation seed engineVersion midi midiUrl
  theme { id name }
  airports { iata }
  sections { name leg startSeconds endSeconds startBar bars key scale }
  chords { bar symbol roman }
  tracks { name role instrument program channel notes { pitch start duration velocity } }
`;

async function preview(input: Record<string, unknown>, fields = FULL) {
  return server.graphql(`query($input: ComposeInput!) { previewComposition(input: $input) { ${fields} } }`, { input });
}

async function previewOk(input: Record<string, unknown>, fields = FULL) {
  const response = await preview(input, fields);
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!.previewComposition;
}

const melodyPitches = (piece: any): number[] => piece.tracks.find((t: any) => t.role === 'MELODY').notes.map((n: any) => n.pitch);

describe('themes', () => {
  it('lists the built-in themes with General-MIDI instruments per part', async () => {
    const response = await server.graphql('{ themes { id name description tempoMin tempoMax scales instruments { role name program instrument } hasDrums } }');
    const themes = response.data!.themes;
    expect(themes.map((t: any) => t.id)).toEqual(expect.arrayContaining(['classical', 'jazz', 'electronic', 'ambient', 'rock', 'world', 'cinematic', 'lofi']));
    for (const theme of themes) {
      expect(theme.tempoMin).toBeLessThan(theme.tempoMax);
      expect(theme.instruments.some((i: any) => i.role === 'MELODY')).toBe(true);
      expect(theme.instruments.some((i: any) => i.role === 'BASS')).toBe(true);
      for (const instrument of theme.instruments) expect(instrument.program).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('previewComposition', () => {
  it('composes JFK→LAX into a multi-track piece whose MIDI parses back to the same notes', async () => {
    const piece = await previewOk({ route: { from: 'JFK', to: 'LAX' } });
    expect(piece.saved).toBe(false);
    expect(piece.kind).toBe('ROUTE');
    expect(piece.airports.map((a: any) => a.iata)).toEqual(['JFK', 'LAX']);
    expect(piece.tempoBpm).toBeGreaterThanOrEqual(70);
    expect(piece.tempoBpm).toBeLessThanOrEqual(140);
    expect(piece.timeSignature).toBe('4/4');
    expect(piece.tracks.length).toBeGreaterThanOrEqual(3);
    expect(piece.sections.length).toBeGreaterThanOrEqual(2);
    expect(new Set(melodyPitches(piece)).size).toBeGreaterThanOrEqual(8);

    const midi = new Midi(Buffer.from(piece.midi, 'base64'));
    expect(midi.header.ppq).toBe(480);
    const withNotes = midi.tracks.filter((t) => t.notes.length > 0);
    expect(withNotes).toHaveLength(piece.tracks.length);
    piece.tracks.forEach((track: any, i: number) => {
      const parsed = withNotes[i];
      expect(parsed.channel).toBe(track.channel - 1);
      if (track.role === 'DRUMS') expect(track.channel).toBe(10);
      else expect(parsed.instrument.number).toBe(track.program);
      const ours = track.notes.map((n: any) => [n.pitch, Math.round(n.start * 1000)]).sort((a: number[], b: number[]) => a[1] - b[1] || a[0] - b[0]);
      const theirs = parsed.notes.map((n) => [n.midi, Math.round(n.time * 1000)]).sort((a, b) => a[1] - b[1] || a[0] - b[0]);
      expect(theirs.length).toBe(ours.length);
      theirs.forEach((note, j) => {
        expect(note[0]).toBe(ours[j][0]);
        expect(Math.abs(note[1] - ours[j][1])).toBeLessThanOrEqual(2);
      });
    });
  });

  it('is deterministic, differs by direction and by variation', async () => {
    const first = await previewOk({ route: { from: 'LHR', to: 'CDG' } }, 'midi tracks { role notes { pitch } }');
    const saved = await server.graphql('mutation($input: ComposeInput!) { createComposition(input: $input) { midi } }', { input: { route: { from: 'LHR', to: 'CDG' } } }, token);
    expect(saved.data!.createComposition.midi).toBe(first.midi);
    const reverse = await previewOk({ route: { from: 'CDG', to: 'LHR' } }, 'midi tracks { role notes { pitch } }');
    expect(melodyPitches(reverse)).not.toEqual(melodyPitches(first));
    const take2 = await previewOk({ route: { from: 'LHR', to: 'CDG' }, variation: 1 }, 'midi tracks { role notes { pitch } }');
    expect(melodyPitches(take2)).not.toEqual(melodyPitches(first));
    expect(new Set(melodyPitches(first)).size).toBeGreaterThan(4);
  });

  it('honours theme, key, scale, tempo and length overrides', async () => {
    const piece = await previewOk({ route: { from: 'SYD', to: 'DFW' }, theme: 'jazz', keyRoot: 'Bb', scale: 'DORIAN', tempoBpm: 100, durationSeconds: 60 });
    expect(piece.theme.id).toBe('jazz');
    // Keys are spelled as musicians spell them: Bb Dorian, whichever spelling was asked for.
    expect(piece.key).toBe('Bb');
    expect(piece.scale).toBe('DORIAN');
    expect(piece.tempoBpm).toBe(100);
    const bar = (60 / 100) * 4;
    expect(Math.abs(piece.durationSeconds - 60)).toBeLessThanOrEqual(bar);
    expect(piece.tracks.find((t: any) => t.role === 'DRUMS')?.channel).toBe(10);
  });

  it('turns a path of real routes and a free journey into multi-section pieces', async () => {
    const path = await previewOk({ path: ['GKA', 'POM', 'HKG', 'LHR'] }, 'kind sections { leg } airports { iata }');
    expect(path.kind).toBe('PATH');
    expect(new Set(path.sections.map((s: any) => s.leg))).toEqual(new Set([0, 1, 2]));
    const journey = await previewOk({ journey: ['ZRH', 'GKA', 'SYD'] }, 'kind sections { leg } airports { iata }');
    expect(journey.kind).toBe('JOURNEY');
    expect(journey.airports.map((a: any) => a.iata)).toEqual(['ZRH', 'GKA', 'SYD']);
    expect(new Set(journey.sections.map((s: any) => s.leg))).toEqual(new Set([0, 1]));
  });

  it.each([
    ['an unknown airport', { route: { from: 'JFK', to: 'QQQ' } }, /QQQ/],
    ['the same origin and destination', { route: { from: 'JFK', to: 'kjfk' } }, /same airport/],
    ['a route no airline flies', { route: { from: 'GKA', to: 'LHR' } }, /no airline flies GKA→LHR/],
    ['a path leg that is not a route', { path: ['JFK', 'LAX', 'GKA'] }, /no airline flies LAX→GKA/],
    ['an unknown theme', { route: { from: 'JFK', to: 'LAX' }, theme: 'polka' }, /polka/],
    ['a tempo out of range', { route: { from: 'JFK', to: 'LAX' }, tempoBpm: 500 }, /tempoBpm must be at most 240/],
    ['a length over 300 s', { route: { from: 'JFK', to: 'LAX' }, durationSeconds: 301 }, /durationSeconds must be at most 300/],
    ['a negative variation', { route: { from: 'JFK', to: 'LAX' }, variation: -1 }, /variation/],
    ['a key that is not a note', { route: { from: 'JFK', to: 'LAX' }, keyRoot: 'H' }, /keyRoot/],
    ['both a route and a journey', { route: { from: 'JFK', to: 'LAX' }, journey: ['JFK', 'SFO'] }, /only one of route, path or journey/],
    ['none of route, path or journey', { theme: 'jazz' }, /one of route, path or journey/],
    ['a journey of one airport', { journey: ['JFK'] }, /at least 2/],
    ['a journey of 21 airports', { journey: Array.from({ length: 21 }, (_, i) => (i % 2 ? 'JFK' : 'LHR')) }, /at most 20/],
  ])('rejects %s with BAD_USER_INPUT naming the problem', async (_name, input, message) => {
    const response = await preview(input, 'id');
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0].message).toMatch(message);
  });
});

describe('saved compositions', () => {
  it('saves, lists newest first, refetches by id and node, and downloads the MIDI file', async () => {
    const created = await server.graphql(
      'mutation($input: ComposeInput!) { createComposition(input: $input) { id title saved midi midiUrl tracks { notes { pitch } } } }',
      {
        input: { journey: ['LHR', 'JFK', 'SFO'], theme: 'cinematic', title: 'Westward' },
      },
      token,
    );
    expect(created.errors).toBeUndefined();
    const piece = created.data!.createComposition;
    expect(piece).toMatchObject({ title: 'Westward', saved: true });

    const fetched = await server.graphql('query($id: ID!) { composition(id: $id) { id title midi tracks { notes { pitch } } } node(id: $id) { __typename ... on Composition { title } } }', {
      id: piece.id,
    });
    expect(fetched.data!.composition.midi).toBe(piece.midi);
    expect(fetched.data!.composition.tracks).toEqual(piece.tracks);
    expect(fetched.data!.node).toEqual({ __typename: 'Composition', title: 'Westward' });

    const listed = await server.graphql('{ compositions(first: 2) { totalCount nodes { id title } pageInfo { hasNextPage } } }');
    expect(listed.data!.compositions.nodes[0].id).toBe(piece.id);
    expect(listed.data!.compositions.totalCount).toBeGreaterThanOrEqual(1);

    const download = await fetch(`${server.url}${piece.midiUrl}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('audio/midi');
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="lhr-jfk-sfo-cinematic.mid"');
    expect(Buffer.from(await download.arrayBuffer()).toString('base64')).toBe(piece.midi);
  });

  it('serves previews by id too, and 404s or nulls for ids of nothing', async () => {
    const previewed = await previewOk({ route: { from: 'ZRH', to: 'JFK' }, theme: 'ambient' }, 'id midi midiUrl');
    const again = await server.graphql('query($id: ID!) { composition(id: $id) { midi saved } }', { id: previewed.id });
    expect(again.data!.composition).toEqual({ midi: previewed.midi, saved: false });
    expect((await fetch(`${server.url}${previewed.midiUrl}`)).status).toBe(200);

    const missing = Buffer.from('Composition:99999999').toString('base64url');
    const none = await server.graphql(`{ composition(id: "${missing}") { id } }`);
    expect(none.errors).toBeUndefined();
    expect(none.data!.composition).toBeNull();
    expect((await fetch(`${server.url}/compositions/${missing}.mid`)).status).toBe(404);
    expect((await fetch(`${server.url}/compositions/garbage.mid`)).status).toBe(404);
    const forged = Buffer.from(`Composition:p.${Buffer.from('{"kind":"ROUTE","airports":["JFK","LAX"],"themeId":"jazz","tempoBpm":99999,"variation":0}').toString('base64url')}`).toString('base64url');
    const forgedResponse = await server.graphql(`{ composition(id: "${forged}") { id } }`);
    expect(forgedResponse.data!.composition).toBeNull();
  });
});
