import { graphql, subscribe, type Subscription } from './support.js';

export interface LoadReport {
  requests: number;
  failed: { what: string; detail: string }[];
  /** Versions the server acknowledged, in order: every one must be in the final piece. */
  acknowledgedVersions: number[];
  changes: Subscription<number>;
}

const READ = 'query($code: String!) { airport(code: $code) { name destinationCount } }';
const CODES = ['JFK', 'LHR', 'CDG', 'NRT', 'GVA', 'SYD', 'GRU', 'DXB'];
const UPDATE = 'mutation($id: ID!, $patch: CompositionPatch!, $v: Int!) { updateComposition(id: $id, patch: $patch, expectedVersion: $v) { version title } }';
const CHANGED = 'subscription($id: ID!) { compositionChanged(id: $id) { version } }';

/**
 * Queries from `readers` loops, one editor renaming `pieceId` again and again (each rename must
 * land once, in order), and a compositionChanged listener that reconnects when its instance goes.
 * Every failed HTTP request is recorded with what failed.
 */
export function startLoad(url: string, owner: { token: string }, pieceId: string, startVersion: number, readers = 3) {
  let running = true;
  const report: LoadReport = {
    requests: 0,
    failed: [],
    acknowledgedVersions: [],
    changes: subscribe(url, CHANGED, { id: pieceId }, (data) => data.compositionChanged.version as number, { token: owner.token, retry: true }),
  };
  const call = async (what: string, query: string, variables: Record<string, unknown>, token?: string) => {
    report.requests += 1;
    try {
      const answer = await graphql(url, query, variables, { token });
      if (answer.status !== 200 || answer.errors?.length) report.failed.push({ what, detail: `${answer.status} ${answer.servedBy} ${JSON.stringify(answer.errors)}` });
      return answer;
    } catch (error) {
      report.failed.push({ what, detail: error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? '')}` : String(error) });
      return null;
    }
  };
  const reader = async (offset: number) => {
    for (let i = offset; running; i++) await call('query', READ, { code: CODES[i % CODES.length] });
  };
  const editor = async () => {
    let version = startVersion;
    while (running) {
      const answer = await call('mutation', UPDATE, { id: pieceId, patch: { title: `Load ${version + 1}` }, v: version }, owner.token);
      const saved = answer?.data?.updateComposition as { version: number } | undefined;
      if (saved) {
        version = saved.version;
        report.acknowledgedVersions.push(version);
      } else {
        // The outcome is unknown only if the request failed in flight: read where the piece is.
        const current = await graphql(url, 'query($id: ID!) { composition(id: $id) { version } }', { id: pieceId }, { token: owner.token }).catch(() => null);
        version = (current?.data?.composition as { version: number } | undefined)?.version ?? version;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const loops = [...Array.from({ length: readers }, (_, i) => reader(i)), editor()];
  return {
    report,
    async stop(): Promise<LoadReport> {
      running = false;
      await Promise.all(loops);
      return report;
    },
  };
}
