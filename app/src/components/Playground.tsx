'use client';

import 'graphiql/setup-workers/webpack';
import 'graphiql/style.css';
import { GraphiQL } from 'graphiql';
import { createClient } from 'graphql-ws';
import { useMemo } from 'react';
import { sessions } from '@/lib/session';

const EXAMPLES = [
  {
    query: `# Airports for an autocomplete\nquery SearchAirports {\n  searchAirports(query: "zurich", first: 5) {\n    iata\n    name\n    city\n    country\n  }\n}\n`,
  },
  {
    query: `# Compose a route without saving it\nquery Preview {\n  previewComposition(input: { route: { from: "JFK", to: "LAX" }, theme: "jazz" }) {\n    title\n    tempoBpm\n    key\n    scale\n    durationSeconds\n    midiUrl\n    sections { name startSeconds }\n  }\n}\n`,
  },
  {
    query: `# Shortest itineraries of real routes\nquery Paths {\n  findPaths(from: "BER", to: "SYD", maxStops: 2, limit: 3) {\n    stops\n    totalDistanceKm\n    legs { origin { iata } destination { iata } }\n  }\n}\n`,
  },
  {
    query: `# Stream a piece live (graphql-ws)\nsubscription Live {\n  liveComposition(input: { route: { from: "LHR", to: "JFK" } }) {\n    sequence\n    events { kind soundsAt pitch chord section }\n  }\n}\n`,
  },
];

type Params = { query: string; variables?: Record<string, unknown> | null; operationName?: string | null };

/** GraphiQL's fetcher: POST for queries and mutations, graphql-ws for subscriptions, with the playground key and the sign-in. */
function createFetcher(playgroundKey: string) {
  const headersFor = async (extra?: Record<string, unknown>) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (playgroundKey) headers['x-playground-key'] = playgroundKey;
    const token = await sessions.accessToken();
    if (token) headers.authorization = `Bearer ${token}`;
    for (const [name, value] of Object.entries(extra ?? {})) headers[name] = String(value);
    return headers;
  };
  const ws = createClient({
    url: `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/graphql`,
    lazy: true,
    connectionParams: async () => {
      const token = await sessions.accessToken();
      return token ? { authorization: `Bearer ${token}` } : {};
    },
  });
  return (params: Params, options?: { headers?: Record<string, unknown> }) => {
    if (/^\s*(#[^\n]*\n\s*)*subscription\b/.test(params.query)) {
      return ws.iterate({ query: params.query, variables: params.variables ?? undefined, operationName: params.operationName ?? undefined });
    }
    return (async () => {
      const response = await fetch('/graphql', { method: 'POST', headers: await headersFor(options?.headers), body: JSON.stringify(params) });
      return response.json();
    })();
  };
}

export default function Playground({ playgroundKey }: { playgroundKey: string }) {
  const fetcher = useMemo(() => createFetcher(playgroundKey), [playgroundKey]);
  return <GraphiQL fetcher={fetcher as never} defaultTabs={EXAMPLES} defaultEditorToolsVisibility />;
}
