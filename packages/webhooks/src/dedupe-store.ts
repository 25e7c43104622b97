// Delivery is at least once: the same event (same `webhook-id`) can arrive again. A dedupe
// store lets the handler run once per event. The interface allows a shared store (Redis and
// the like) across receiver instances; an in-memory one is included.
import { WEBHOOK_RESPONSE_TIMEOUT_MS } from './generated/validators.js';

/** What `claim` found: a new event, one already handled, or one being handled right now. */
export type ClaimResult = 'claimed' | 'duplicate' | 'in-flight';

export interface DedupeStore {
  /**
   * Claims a webhook-id for handling. A claim neither completed nor released must expire (the
   * in-memory store's `claimTtlMs`), or a handler that never settles blocks its event for good.
   */
  claim(id: string): ClaimResult | Promise<ClaimResult>;
  /** The handler succeeded: later deliveries of this id are duplicates. */
  complete(id: string): void | Promise<void>;
  /** The handler failed: forget the claim, so the gateway's retry runs the handler again. */
  release(id: string): void | Promise<void>;
}

export interface MemoryDedupeStoreOptions {
  /** How long a handled id is remembered; default 28 h, longer than the whole retry schedule (`x-gateway-limits.webhook_retry_schedule_s`). */
  ttlMs?: number;
  /**
   * How long a claim lasts while its handler runs; default the gateway's response timeout
   * (the spec's `x-gateway-limits.webhook_response_timeout_ms`): by then the gateway has given that attempt up, so
   * its retry must be free to run the handler again.
   */
  claimTtlMs?: number;
  /** At most this many handled ids are remembered; the oldest are forgotten first. Default 100,000. Claims in flight are never evicted for room. */
  maxEntries?: number;
  /** The clock; for tests. */
  now?: () => number;
}

/** The in-memory store answers at once: the interface's methods without their promises. */
export interface MemoryDedupeStore extends DedupeStore {
  claim(id: string): ClaimResult;
  complete(id: string): void;
  release(id: string): void;
  /** How many ids it holds: claims in flight and handled ids. */
  readonly size: number;
}

/** Forgets the entries of `entries` (oldest first) that expired, then the oldest beyond `max`. */
function evict(entries: Map<string, number>, time: number, max: number): void {
  for (const [id, expiresAt] of entries) {
    if (expiresAt > time && entries.size <= max) break;
    entries.delete(id);
  }
}

/** An in-process store: handled ids are remembered for `ttlMs`, at most `maxEntries` of them; claims for `claimTtlMs`. */
export function createMemoryDedupeStore({
  ttlMs = 28 * 60 * 60 * 1000,
  claimTtlMs = WEBHOOK_RESPONSE_TIMEOUT_MS,
  maxEntries = 100_000,
  now = Date.now,
}: MemoryDedupeStoreOptions = {}): MemoryDedupeStore {
  // id → expiry time. One TTL per map, so each map's insertion order is its expiry order. The
  // claims in flight are apart from the handled ids, so that making room among the handled
  // never drops a claim (its redelivery would run the handler twice at once).
  const inFlight = new Map<string, number>();
  const done = new Map<string, number>();

  return {
    get size() {
      return inFlight.size + done.size;
    },
    claim(id) {
      const time = now();
      evict(inFlight, time, Infinity);
      evict(done, time, maxEntries);
      if (done.has(id)) return 'duplicate';
      if (inFlight.has(id)) return 'in-flight';
      inFlight.set(id, time + claimTtlMs);
      return 'claimed';
    },
    complete(id) {
      const time = now();
      inFlight.delete(id);
      done.delete(id);
      done.set(id, time + ttlMs);
      evict(done, time, maxEntries);
    },
    release(id) {
      inFlight.delete(id);
    },
  };
}
