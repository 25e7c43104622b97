import { describe, expect, it } from 'vitest';
import { createMemoryDedupeStore } from '../src/dedupe-store.js';
import { spec } from './support/fixtures.js';

describe('createMemoryDedupeStore', () => {
  it('claims a new id, sees it in flight, then as a duplicate once complete', () => {
    const store = createMemoryDedupeStore();
    expect([store.claim('evt_1'), store.claim('evt_1')]).toEqual(['claimed', 'in-flight']);
    store.complete('evt_1');
    expect(store.claim('evt_1')).toBe('duplicate');
  });

  it('forgets a released claim, so a retry runs again', () => {
    const store = createMemoryDedupeStore();
    store.claim('evt_1');
    store.release('evt_1');
    expect(store.claim('evt_1')).toBe('claimed');
  });

  it('forgets ids after the TTL', () => {
    let time = 0;
    const store = createMemoryDedupeStore({ ttlMs: 100, now: () => time });
    store.claim('evt_1');
    store.complete('evt_1');
    time = 101;
    expect(store.claim('evt_1')).toBe('claimed');
  });

  it('keeps at most maxEntries ids, forgetting the oldest', () => {
    const store = createMemoryDedupeStore({ maxEntries: 2 });
    for (const id of ['evt_1', 'evt_2', 'evt_3']) {
      store.claim(id);
      store.complete(id);
    }
    expect(store.size).toBe(2);
    expect([store.claim('evt_3'), store.claim('evt_1')]).toEqual(['duplicate', 'claimed']);
  });

  // A handler that never settles must not hold its event's claim for the 28 h a handled id is
  // kept: by the gateway's response timeout the attempt is given up, and its retry must run.
  it("expires a claim after the gateway's response timeout (the spec's), not the handled-id TTL", () => {
    const timeoutMs: number = spec['x-gateway-limits'].webhook_response_timeout_ms;
    let time = 0;
    const store = createMemoryDedupeStore({ now: () => time });
    store.claim('evt_1');
    time = timeoutMs - 1;
    expect(store.claim('evt_1')).toBe('in-flight');
    time = timeoutMs;
    expect(store.claim('evt_1')).toBe('claimed');
  });

  it('takes the claim TTL as an option, and still remembers a completed id for ttlMs', () => {
    let time = 0;
    const store = createMemoryDedupeStore({ claimTtlMs: 50, ttlMs: 1_000, now: () => time });
    store.claim('evt_1');
    time = 40;
    store.complete('evt_1');
    time = 900;
    expect(store.claim('evt_1')).toBe('duplicate');
  });

  it('never evicts a claim in flight to make room under maxEntries', () => {
    const store = createMemoryDedupeStore({ maxEntries: 2 });
    expect(store.claim('evt_inflight')).toBe('claimed');
    for (const id of ['evt_1', 'evt_2', 'evt_3', 'evt_4']) {
      store.claim(id);
      store.complete(id);
    }
    expect(store.claim('evt_inflight')).toBe('in-flight');
    expect([store.claim('evt_4'), store.claim('evt_3'), store.claim('evt_1')]).toEqual([
      'duplicate',
      'duplicate',
      'claimed',
    ]);
  });

  it('does not forget a handled id when a late failure releases it', () => {
    const store = createMemoryDedupeStore();
    store.claim('evt_1');
    store.complete('evt_1');
    store.release('evt_1');
    expect(store.claim('evt_1')).toBe('duplicate');
  });
});
