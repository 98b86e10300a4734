import type { ImportReporter, ImportResult } from '../jobs/openflights/import.js';

const BAR_WIDTH = 30;

/** A progress bar on a terminal; plain lines (one per stage, at most every 25%) in logs and CI. */
export function createTerminalReporter(stream: NodeJS.WriteStream = process.stderr): ImportReporter {
  const interactive = stream.isTTY === true;
  const lastQuarter = new Map<string, number>();
  return {
    message(text) {
      stream.write(`${text}\n`);
    },
    progress(stage, done, total) {
      const fraction = total === 0 ? 1 : done / total;
      if (interactive) {
        const filled = Math.round(fraction * BAR_WIDTH);
        const bar = '█'.repeat(filled) + '░'.repeat(BAR_WIDTH - filled);
        stream.write(`\r${stage.padEnd(15)} ${bar} ${done}/${total}`);
        if (done >= total) stream.write('\n');
        return;
      }
      const quarter = Math.floor(fraction * 4);
      if (lastQuarter.get(stage) === quarter) return;
      lastQuarter.set(stage, quarter);
      stream.write(`${stage}: ${done}/${total}\n`);
    },
  };
}

export function formatImportSummary(result: ImportResult): string {
  const lines = [`imported OpenFlights data from ${result.source} in ${(result.durationMs / 1000).toFixed(1)} s`];
  for (const [file, summary] of Object.entries(result.summary)) {
    const skipped = Object.entries(summary.skipped).map(([reason, count]) => `${count} ${reason}`);
    lines.push(`  ${`${file}.dat`.padEnd(14)} read ${summary.read}, imported ${summary.imported}${skipped.length ? `, skipped ${skipped.join(', ')}` : ''}`);
  }
  lines.push(`  ${result.counts.routes} routes (directed airport pairs) from ${result.counts.routeRows} route rows`);
  return lines.join('\n');
}
