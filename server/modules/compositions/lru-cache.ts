/**
 * A bounded map that forgets the least recently used entry first (Map keeps insertion order). A read
 * only marks its entry; eviction gives a marked entry a second chance at the young end. Moving the
 * key on every read instead leaves a hole per hit that the Map must later compact (see the response
 * cache's memory layer, where that was measured).
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, { value: V; readSince: boolean }>();

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const slot = this.entries.get(key);
    if (!slot) return undefined;
    slot.readSince = true;
    return slot.value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    // Room is made before the new entry is in, so it is never the one dropped.
    for (const [oldest, slot] of this.entries) {
      if (this.entries.size < this.capacity) break;
      this.entries.delete(oldest);
      if (slot.readSince) this.entries.set(oldest, { value: slot.value, readSince: false });
    }
    this.entries.set(key, { value, readSince: false });
  }
}
