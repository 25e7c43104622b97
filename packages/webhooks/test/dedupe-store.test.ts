import { describe, expect, it } from 'vitest';
import { createMemoryDedupeStore } from '../src/dedupe-store.js';

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
});
