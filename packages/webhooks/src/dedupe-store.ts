// Delivery is at least once: the same event (same `webhook-id`) can arrive again. A dedupe
// store lets the handler run once per event. The interface allows a shared store (Redis and
// the like) across receiver instances; an in-memory one is included.

/** What `claim` found: a new event, one already handled, or one being handled right now. */
export type ClaimResult = 'claimed' | 'duplicate' | 'in-flight';

export interface DedupeStore {
  /** Claims a webhook-id for handling. */
  claim(id: string): ClaimResult | Promise<ClaimResult>;
  /** The handler succeeded: later deliveries of this id are duplicates. */
  complete(id: string): void | Promise<void>;
  /** The handler failed: forget the claim, so the gateway's retry runs the handler again. */
  release(id: string): void | Promise<void>;
}

export interface MemoryDedupeStoreOptions {
  /** How long a handled id is remembered; default 28 h, longer than the whole retry schedule (~27 h). */
  ttlMs?: number;
  /** At most this many ids are remembered; the oldest are forgotten first. Default 100,000. */
  maxEntries?: number;
  /** The clock; for tests. */
  now?: () => number;
}

/** An in-process store: ids are remembered for `ttlMs`, at most `maxEntries` of them. */
export function createMemoryDedupeStore({
  ttlMs = 28 * 60 * 60 * 1000,
  maxEntries = 100_000,
  now = Date.now,
}: MemoryDedupeStoreOptions = {}): DedupeStore & { readonly size: number } {
  // Insertion order is expiry order (one TTL for all), so the oldest entries come first.
  const entries = new Map<string, { state: 'in-flight' | 'done'; expiresAt: number }>();

  const evict = () => {
    const time = now();
    for (const [id, entry] of entries) {
      if (entry.expiresAt > time && entries.size <= maxEntries) break;
      entries.delete(id);
    }
  };

  return {
    get size() {
      return entries.size;
    },
    claim(id) {
      evict();
      const entry = entries.get(id);
      if (entry !== undefined) return entry.state === 'done' ? 'duplicate' : 'in-flight';
      entries.set(id, { state: 'in-flight', expiresAt: now() + ttlMs });
      return 'claimed';
    },
    complete(id) {
      entries.delete(id);
      entries.set(id, { state: 'done', expiresAt: now() + ttlMs });
      evict();
    },
    release(id) {
      entries.delete(id);
    },
  };
}
