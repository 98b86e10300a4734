import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export const OPENFLIGHTS_FILES = ['airports.dat', 'airlines.dat', 'routes.dat', 'countries.dat'] as const;
export type OpenFlightsFile = (typeof OPENFLIGHTS_FILES)[number];

export interface OpenFlightsSource {
  /** Where the files were read from, for the summary and the import record. */
  location: string;
  texts: Record<OpenFlightsFile, string>;
  /** sha256 over the four files, to tell whether the data changed since the last import. */
  checksum: string;
}

export class SourceError extends Error {
  override name = 'SourceError';
}

async function readAll(directory: string): Promise<Record<OpenFlightsFile, string>> {
  const entries = await Promise.all(
    OPENFLIGHTS_FILES.map(async (file) => {
      try {
        return [file, await readFile(join(directory, file), 'utf8')] as const;
      } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'is missing' : String(error);
        throw new SourceError(`${join(directory, file)} ${reason}`);
      }
    }),
  );
  return Object.fromEntries(entries) as Record<OpenFlightsFile, string>;
}

async function download(baseUrl: string, cacheDir: string, report: (message: string) => void): Promise<void> {
  await mkdir(cacheDir, { recursive: true });
  for (const file of OPENFLIGHTS_FILES) {
    const url = `${baseUrl.replace(/\/$/, '')}/${file}`;
    report(`downloading ${url}`);
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(60_000) });
    } catch (error) {
      throw new SourceError(`Cannot download ${url}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!response.ok) throw new SourceError(`Cannot download ${url}: HTTP ${response.status}`);
    const body = Buffer.from(await response.arrayBuffer());
    // Write beside the target, then rename: an interrupted download never leaves a truncated file.
    const target = join(cacheDir, file);
    await writeFile(`${target}.part`, body);
    await rename(`${target}.part`, target);
  }
}

/**
 * The files from OPENFLIGHTS_DIR, or, without one, from a local cache filled by downloading the
 * OpenFlights repository's files (as a user's machine would on first start).
 */
export async function loadOpenFlightsSource(options: { dir: string | undefined; baseUrl: string; cacheDir: string }, report: (message: string) => void): Promise<OpenFlightsSource> {
  let directory: string;
  if (options.dir) {
    directory = resolve(options.dir);
  } else {
    directory = resolve(options.cacheDir);
    const cached = await readAll(directory).catch(() => null);
    if (!cached) await download(options.baseUrl, directory, report);
  }
  const texts = await readAll(directory);
  const hash = createHash('sha256');
  for (const file of OPENFLIGHTS_FILES) hash.update(file).update(texts[file]);
  return { location: directory, texts, checksum: hash.digest('hex') };
}
