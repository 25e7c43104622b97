import { expect, it } from 'vitest';
import { createSessionStore } from '../src/sessions.js';

it('forgets the oldest ended sessions beyond maxSessions, never a live one', () => {
  const store = createSessionStore({ maxSessions: 3 });
  const live = store.get('00000000-0000-4000-8000-000000000001');
  for (let i = 2; i <= 6; i++) store.get(`00000000-0000-4000-8000-00000000000${i}`).state = 'ended';
  store.get('00000000-0000-4000-8000-000000000007');
  expect(store.size).toBeLessThanOrEqual(4);
  expect(store.peek(live.uuid)).toBe(live);
  expect(store.peek('00000000-0000-4000-8000-000000000002')).toBeUndefined();
});
