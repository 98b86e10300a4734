import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where finished files live. The local directory is the default; an object store can take its
 * place behind the same interface (put is all-or-nothing, read streams a stored object).
 */
export interface FileStorage {
  /** Stores `bytes` under `key` atomically: readers see the whole file or nothing. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The size in bytes, or null when nothing is stored under `key`. */
  size(key: string): Promise<number | null>;
  read(key: string): Readable;
  remove(key: string): Promise<void>;
  /** Every stored object, and any temporary one a writer left behind (`.tmp`), with its last change. */
  list(): Promise<{ key: string; modifiedAt: Date }[]>;
  dispose(): Promise<void>;
}

const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

function checkKey(key: string): string {
  if (!KEY.test(key) || key.includes('..')) throw new RangeError(`"${key}" is not a storage key`);
  return key;
}

/**
 * A directory of files. A write goes to a temporary name first and is renamed into place, which
 * is atomic on one file system: a process killed mid-write leaves at worst a `.tmp` file that
 * no key names, never a truncated file under a real key.
 */
export function createLocalFileStorage(directory: string): FileStorage {
  const ready = mkdir(directory, { recursive: true });
  const pathOf = (key: string) => join(directory, checkKey(key));
  return {
    async put(key, bytes) {
      await ready;
      const target = pathOf(key);
      const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await writeFile(temporary, bytes, { flush: true });
        await rename(temporary, target);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
    async size(key) {
      try {
        const info = await stat(pathOf(key));
        return info.isFile() ? info.size : null;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    read: (key) => createReadStream(pathOf(key)),
    remove: (key) => rm(pathOf(key), { force: true }),
    async list() {
      await ready;
      const entries = await readdir(directory, { withFileTypes: true });
      const files = await Promise.all(
        entries
          .filter((entry) => entry.isFile() && KEY.test(entry.name))
          .map(async (entry) => {
            const info = await stat(join(directory, entry.name)).catch(() => null);
            return info ? { key: entry.name, modifiedAt: info.mtime } : null;
          }),
      );
      return files.filter((file) => file !== null);
    },
    dispose: async () => undefined,
  };
}
