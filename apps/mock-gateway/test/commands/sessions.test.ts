// The session store's memory bound: which sessions it forgets, and that forgetting is cheap.
import { expect, it } from 'vitest';
import { createSessionStore } from '../../src/commands/sessions.js';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

it('forgets the sessions that ended longest ago first, never a live one while an ended one is left', () => {
  const store = createSessionStore({ maxSessions: 3 });
  const live = store.get(uuid(1));
  store.transition(store.get(uuid(2)), 'ended');
  store.transition(store.get(uuid(3)), 'ended');
  store.get(uuid(4));
  expect(store.size).toBe(3);
  expect(store.peek(live.uuid)).toBe(live);
  expect(store.peek(uuid(2))).toBeUndefined();
  expect(store.peek(uuid(3))?.state).toBe('ended');
});

it('when no session has ended, forgets the oldest live one', () => {
  const store = createSessionStore({ maxSessions: 2 });
  for (const n of [1, 2, 3]) store.get(uuid(n));
  expect([1, 2, 3].map((n) => store.peek(uuid(n)) !== undefined)).toEqual([false, true, true]);
});

it('a session forgotten and made again under its UUID is a new one, and only it is kept', () => {
  const evicted: string[] = [];
  const store = createSessionStore({ maxSessions: 2, onEvict: (forgotten) => evicted.push(forgotten) });
  const first = store.get(uuid(1));
  store.transition(first, 'ended');
  store.get(uuid(2));
  store.get(uuid(3)); // forgets 1, the one that ended
  const again = store.get(uuid(1)); // 1 anew: the oldest live one, 2, goes
  expect(again).not.toBe(first);
  expect([1, 2, 3].map((n) => store.peek(uuid(n)))).toEqual([again, undefined, store.peek(uuid(3))]);
  expect(evicted).toEqual([uuid(1), uuid(2)]);
  store.transition(first, 'ended'); // the forgotten one, changing still: it is not the store's to forget again
  store.get(uuid(4)); // the oldest live one, 3, goes; 1 anew stays
  expect([1, 3, 4].map((n) => store.peek(uuid(n)) !== undefined)).toEqual([true, false, true]);
  expect(store.peek(uuid(1))).toBe(again);
  expect(evicted).toEqual([uuid(1), uuid(2), uuid(3)]);
});

it('stays at its bound under many live sessions', () => {
  const store = createSessionStore({ maxSessions: 1_000 });
  for (let n = 0; n < 50_000; n++) store.get(uuid(n));
  expect(store.size).toBe(1_000);
  expect(store.peek(uuid(49_999))).toBeDefined();
  expect(store.peek(uuid(48_999))).toBeUndefined();
});

it('tells of each new session and each change of state, not of a read', () => {
  const told: string[] = [];
  const store = createSessionStore({ onChange: ({ uuid: id, state }) => told.push(`${id.slice(-1)} ${state}`) });
  const session = store.get(uuid(1));
  store.get(uuid(1));
  store.peek(uuid(1));
  store.transition(session, 'answered');
  store.transition(session, 'ended');
  expect(told).toEqual(['1 ringing', '1 answered', '1 ended']);
});

it('does not keep sessions it forgot in its queues: 300,000 sessions that all end stay bounded', () => {
  const store = createSessionStore({ maxSessions: 1_000 });
  for (let n = 0; n < 300_000; n++) store.transition(store.get(uuid(n)), 'ended');
  expect(store.size).toBe(1_000);
  // The oldest 299,000 were forgotten, the newest 1,000 kept, and a live one is still evicted last.
  expect(store.peek(uuid(298_999))).toBeUndefined();
  expect(store.peek(uuid(299_000))?.state).toBe('ended');
});

it('clear forgets every session and says how many; a UUID it knew is a new ringing call after it', () => {
  const store = createSessionStore({ maxSessions: 10 });
  store.transition(store.get(uuid(1)), 'answered');
  store.transition(store.get(uuid(2)), 'ended');
  expect(store.clear()).toBe(2);
  expect([store.size, store.peek(uuid(1))]).toEqual([0, undefined]);
  expect(store.get(uuid(1)).state).toBe('ringing');
  // Its queues start over too: the bound still holds, evicting only sessions it knows now.
  for (let n = 10; n < 30; n++) store.get(uuid(n));
  expect(store.size).toBe(10);
});
