/**
 * The response cache's in-process layer: a byte-budgeted LRU with a tag index, so an
 * invalidation drops every local copy at once. It knows only an entry's size, expiry and tags;
 * what an entry holds is response-cache.ts's business.
 */

/** What the memory layer reads of an entry. */
export interface MemoryEntry {
  body: string;
  /** Epoch ms. */
  expiresAt: number;
  tags: readonly string[];
}

/** The in-process layer: least recently used entries go first once the byte budget is spent. */
export class MemoryLayer<Entry extends MemoryEntry> {
  private readonly entries = new Map<string, Entry>();
  private readonly keysByTag = new Map<string, Set<string>>();
  private bytes = 0;

  constructor(private readonly budgetBytes: number) {}

  get(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.delete(key);
      return undefined;
    }
    // Re-inserting moves the key to the young end of the Map's insertion order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, entry: Entry): void {
    this.delete(key);
    const size = entry.body.length * 2;
    if (size > this.budgetBytes / 4) return;
    this.entries.set(key, entry);
    this.bytes += size;
    for (const tag of entry.tags) {
      let keys = this.keysByTag.get(tag);
      if (!keys) this.keysByTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    for (const oldest of this.entries.keys()) {
      if (this.bytes <= this.budgetBytes) break;
      this.delete(oldest);
    }
  }

  deleteTags(tags: Iterable<string>): void {
    for (const tag of tags) {
      for (const key of this.keysByTag.get(tag) ?? []) this.delete(key);
      this.keysByTag.delete(tag);
    }
  }

  clear(): void {
    this.entries.clear();
    this.keysByTag.clear();
    this.bytes = 0;
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.body.length * 2;
    for (const tag of entry.tags) {
      const keys = this.keysByTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.keysByTag.delete(tag);
    }
  }
}
