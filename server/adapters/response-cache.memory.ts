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

/** An entry, and whether it was read since it last reached the young end. */
interface MemorySlot<Entry> {
  entry: Entry;
  readSince: boolean;
}

/**
 * Least recently used entries go first once the byte budget is spent. A read only marks its entry
 * (second chance): moving the key to the young end on every read, as a strict LRU over a Map does,
 * makes each hit of a hot key leave a hole the Map must later compact, which measured as the largest
 * cost of a hit once a few thousand entries are held. Making room moves a marked entry to the young
 * end once instead of dropping it.
 */
export class MemoryLayer<Entry extends MemoryEntry> {
  private readonly entries = new Map<string, MemorySlot<Entry>>();
  private readonly keysByTag = new Map<string, Set<string>>();
  private bytes = 0;

  constructor(private readonly budgetBytes: number) {}

  get(key: string, now: number): Entry | undefined {
    const slot = this.entries.get(key);
    if (!slot) return undefined;
    if (slot.entry.expiresAt <= now) {
      this.delete(key);
      return undefined;
    }
    slot.readSince = true;
    return slot.entry;
  }

  set(key: string, entry: Entry): void {
    this.delete(key);
    const size = entry.body.length * 2;
    if (size > this.budgetBytes / 4) return;
    this.makeRoom(size);
    this.entries.set(key, { entry, readSince: false });
    this.bytes += size;
    for (const tag of entry.tags) {
      let keys = this.keysByTag.get(tag);
      if (!keys) this.keysByTag.set(tag, (keys = new Set()));
      keys.add(key);
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

  /** Before the new entry is in, so it is never the one dropped; the walk ends within one round (it unmarks as it goes). */
  private makeRoom(size: number): void {
    for (const [oldest, slot] of this.entries) {
      if (this.bytes + size <= this.budgetBytes) return;
      if (slot.readSince) {
        slot.readSince = false;
        this.entries.delete(oldest);
        this.entries.set(oldest, slot);
      } else this.delete(oldest);
    }
  }

  private delete(key: string): void {
    const slot = this.entries.get(key);
    if (!slot) return;
    this.entries.delete(key);
    this.bytes -= slot.entry.body.length * 2;
    for (const tag of slot.entry.tags) {
      const keys = this.keysByTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.keysByTag.delete(tag);
    }
  }
}
