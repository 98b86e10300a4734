import { readFileSync } from 'node:fs';

/** Linux reports process times in clock ticks of 1/100 s (USER_HZ) on every platform it runs on here. */
const TICKS_PER_SECOND = 100;

/**
 * CPU seconds (user + system, all threads) a process has used so far, or null without /proc.
 * On a machine shared with other work, CPU time per request stays meaningful when requests per
 * second do not: a process that waits for a core serves fewer requests but spends no more on each.
 */
export function cpuSecondsOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces; the fields after its closing parenthesis start at field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Milliseconds of CPU per request between two readings; null when either reading is missing. */
export function cpuMsPerRequest(before: number | null, after: number | null, requests: number): number | null {
  if (before === null || after === null || requests === 0) return null;
  return Number((((after - before) * 1000) / requests).toFixed(3));
}

/**
 * V8 flags every GraphQL server under test starts with, ours as `npm start` runs it and each peer
 * alike: a young generation that cannot shrink to 1 MB while the process idles (see docs/performance.md).
 */
export const SERVER_NODE_FLAGS = ['--min-semi-space-size=16'];
