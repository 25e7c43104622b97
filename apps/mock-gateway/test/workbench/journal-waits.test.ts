// wait_ms underneath: a wait ends on the first entry it wants, on its time (capped), when its
// client goes away, or when the mock stops — and costs nothing once it has ended.
import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createJournalWaits, MAX_WAIT_MS, whenGone } from '../../src/workbench/journal-waits.js';
import { fakeClock } from '../support/fake-clock.js';

/** Whether a promise has settled, after the microtasks now queued. */
const settled = async (promise: Promise<unknown>) => {
  let done = false;
  void promise.then(() => (done = true));
  await Promise.resolve();
  await Promise.resolve();
  return done;
};

describe('createJournalWaits', () => {
  it('ends a wait on the first entry it wants, not on others', async () => {
    const { clock, fake } = fakeClock();
    const waits = createJournalWaits<number>({ clock });
    const wait = waits.wait((n) => n > 10, 5_000);
    waits.seen(3);
    expect(await settled(wait)).toBe(false);
    waits.seen(11);
    expect(await settled(wait)).toBe(true);
    expect([waits.waiting, fake.countTimers()]).toEqual([0, 0]);
  });

  it(`ends a wait after its time, at most ${MAX_WAIT_MS} ms`, async () => {
    const { clock, fake } = fakeClock();
    const waits = createJournalWaits<number>({ clock });
    const wait = waits.wait(() => false, 10 * MAX_WAIT_MS);
    fake.tick(MAX_WAIT_MS - 1);
    expect(await settled(wait)).toBe(false);
    fake.tick(1);
    expect(await settled(wait)).toBe(true);
  });

  it('ends a wait when its client goes away, and stops listening on a kept-alive connection once it ends', async () => {
    const { clock } = fakeClock();
    const waits = createJournalWaits<number>({ clock });
    const socket = new EventEmitter();
    const req = { socket } as unknown as IncomingMessage;
    const first = waits.wait(() => true, 1_000, whenGone(req));
    waits.seen(1);
    await first;
    expect(socket.listenerCount('close')).toBe(0);
    const second = waits.wait(() => false, 1_000, whenGone(req));
    socket.emit('close');
    expect(await settled(second)).toBe(true);
    expect(waits.waiting).toBe(0);
  });

  it('is full at maxWaiting, and releaseAll ends every wait', async () => {
    const { clock } = fakeClock();
    const waits = createJournalWaits<number>({ clock, maxWaiting: 2 });
    const all = [waits.wait(() => false, 1_000), waits.wait(() => false, 1_000)];
    expect(waits.full).toBe(true);
    waits.releaseAll();
    expect(await settled(Promise.all(all))).toBe(true);
    expect(waits.full).toBe(false);
  });
});
