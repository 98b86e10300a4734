/**
 * The playground's example tabs: one per area of the API, each runnable as it is (analytics needs
 * a partner API key). Values are written inline: GraphiQL may run a new tab before its variables
 * editor has loaded.
 */
const json = (value: unknown) => JSON.stringify(value, null, 2);

export interface ExampleTab {
  query: string;
  headers?: string;
}

export const EXAMPLE_TABS: ExampleTab[] = [
  {
    query: `# Routes: airports for an autocomplete, a route with its airlines, the shortest itineraries
query Routes {
  searchAirports(query: "zurich", first: 3) { iata name city }
  route(from: "JFK", to: "LAX") {
    distanceKm
    durationMinutes
    airlines { name iata }
  }
  findPaths(from: "JFK", to: "LAX", maxStops: 1, limit: 3) {
    stops
    totalDistanceKm
    legs { origin { iata } destination { iata } }
  }
}
`,
  },
  {
    query: `# Compose: a piece from a route, without saving it (createComposition saves; needs a sign-in)
query Compose {
  previewComposition(input: { route: { from: "LHR", to: "JFK" }, theme: "jazz" }) {
    title
    tempoBpm
    key
    scale
    durationSeconds
    midiUrl
    sections { name startSeconds }
    tracks { name instrument role }
  }
  themes { id name description }
}
`,
  },
  {
    query: `# Community: the feed (trending when you follow nobody), with likes and comments
query Community {
  feed(first: 5) {
    nodes {
      id
      title
      likeCount
      playCount
      owner { username }
      comments(first: 3) { nodes { body author { username } } }
    }
  }
}
`,
  },
  {
    query: `# Contests: open contests with their rules and leaderboard
query Contests {
  contests(status: OPEN, first: 5) {
    nodes {
      id
      title
      sponsor
      prize
      submissionsCloseAt
      rules { entriesPerPerson votesPerVoter allowedThemes }
      leaderboard(first: 3) { rank votes entry { composition { title } } }
    }
  }
}
`,
  },
  {
    query: `# Live: the departures radio of an airport (graphql-ws; stop it with the run button)
subscription Radio {
  liveRadio(channel: "LHR") {
    turn
    sequence
    piece { title airports startsAt }
    events { kind soundsAt pitch chord section }
  }
}
`,
  },
  {
    query: `# Analytics: your API usage and the network in figures (a partner API key in the headers)
query Analytics {
  analytics {
    usage { requests errorCount p95LatencyMs topOperations(first: 5) { operation requests } csvUrl }
    network { topHubs(first: 5) { airport { iata name } destinationCount } }
  }
}
`,
    headers: json({ 'x-api-key': 'am_your_partner_api_key' }),
  },
];
