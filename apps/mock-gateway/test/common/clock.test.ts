import { expect, it } from 'vitest';
import { isoTime, MAX_TIMER_MS, sleep, systemClock } from '../../src/common/clock.js';
import { fakeClock } from '../support/fake-clock.js';

it('sleep waits on the clock it is given', async () => {
  const { fake, clock } = fakeClock();
  let done = false;
  void sleep(clock, 5_000).then(() => (done = true));
  await fake.tickAsync(4_999);
  expect(done).toBe(false);
  await fake.tickAsync(1);
  expect(done).toBe(true);
});

it.each([[0], [-5], [Number.NaN]])('sleep(%s) resolves at once, with no timer', async (ms) => {
  const { fake, clock } = fakeClock();
  await sleep(clock, ms);
  expect(fake.countTimers()).toBe(0);
});

it('never hands a timer more than 2³¹−1 ms (Node would fire it at once)', async () => {
  const { fake, clock } = fakeClock();
  let done = false;
  void sleep(clock, 10 * MAX_TIMER_MS).then(() => (done = true));
  await fake.tickAsync(1_000);
  expect(done).toBe(false);
  await fake.tickAsync(MAX_TIMER_MS);
  expect(done).toBe(true);
});

it('the system clock is the real one', async () => {
  const before = Date.now();
  expect(systemClock.now()).toBeGreaterThanOrEqual(before);
  await new Promise<void>((resolve) => systemClock.setTimeout(resolve, 1));
  const handle = systemClock.setTimeout(() => expect.unreachable('a cleared timer fired'), 1);
  systemClock.clearTimeout(handle);
  await new Promise((resolve) => setTimeout(resolve, 10));
});

it.each([[0], [Date.parse('2026-11-24T10:00:00.123Z')], [Date.parse('2099-12-31T23:59:59.999Z')]])(
  'isoTime(%s) writes what toISOString writes, for a Date or its ms, again and again',
  (ms) => {
    const want = new Date(ms).toISOString();
    expect([isoTime(ms), isoTime(new Date(ms)), isoTime(ms)]).toEqual([want, want, want]);
    expect(isoTime(ms + 1)).toBe(new Date(ms + 1).toISOString()); // the next instant is not the last one's
  },
);
