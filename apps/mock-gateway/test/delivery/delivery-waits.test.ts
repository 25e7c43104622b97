// The dispatcher's waits: each on the clock, capped at a timer's range, and all ended at once
// by shutdown — those pending, and any asked for after it.
import FakeTimers from '@sinonjs/fake-timers';
import { expect, it } from 'vitest';
import { createDeliveryWaits } from '../../src/delivery/delivery-waits.js';
import { type Clock, MAX_TIMER_MS } from '../../src/common/clock.js';

function fakeClock() {
  const fake = FakeTimers.createClock(0);
  const asked: number[] = [];
  const clock: Clock = {
    now: () => fake.now,
    setTimeout: (callback, ms) => {
      asked.push(ms);
      return fake.setTimeout(callback, ms);
    },
    clearTimeout: (id) => fake.clearTimeout(id as never),
  };
  return { fake, clock, asked };
}

const isSettled = async (promise: Promise<void>) => {
  let done = false;
  void promise.then(() => (done = true));
  for (let i = 0; i < 3; i++) await Promise.resolve();
  return done;
};

it('resolves after its time on the clock, not a millisecond early; at once for none', async () => {
  const { fake, clock, asked } = fakeClock();
  const waits = createDeliveryWaits(clock);
  const wait = waits.sleep(5_000);
  await fake.tickAsync(4_999);
  expect(await isSettled(wait)).toBe(false);
  await fake.tickAsync(1);
  expect(await isSettled(wait)).toBe(true);
  expect(await isSettled(waits.sleep(0))).toBe(true);
  expect(await isSettled(waits.sleep(-5))).toBe(true);
  expect(asked).toEqual([5_000]); // no timer for a wait of nothing
});

it('waits out what is left when its timer fires early, as a timer on a busy loop can', async () => {
  const fake = FakeTimers.createClock(0);
  const asked: number[] = [];
  // A timer that fires 2 ms before its time, on a clock that tells the truth.
  const clock: Clock = {
    now: () => Math.floor(fake.now),
    monotonic: () => fake.now,
    setTimeout: (callback, ms) => {
      asked.push(ms);
      return fake.setTimeout(callback, Math.max(0, ms - 2));
    },
    clearTimeout: (id) => fake.clearTimeout(id as never),
  };
  const wait = createDeliveryWaits(clock).sleep(5);
  await fake.tickAsync(3);
  expect(await isSettled(wait)).toBe(false);
  await fake.tickAsync(1);
  expect(await isSettled(wait)).toBe(false);
  await fake.tickAsync(1);
  expect(await isSettled(wait)).toBe(true);
  expect(asked).toEqual([5, 2, 1]); // the wait, then what was left each time it woke early
});

it('caps a wait longer than a timer takes, which Node would fire at once', () => {
  const { clock, asked } = fakeClock();
  void createDeliveryWaits(clock).sleep(10 * MAX_TIMER_MS);
  expect(asked).toEqual([MAX_TIMER_MS]);
});

it('stop() ends every pending wait now, and any later one at once, leaving no timer behind', async () => {
  const { fake, clock } = fakeClock();
  const waits = createDeliveryWaits(clock);
  const pending = [waits.sleep(300_000), waits.sleep(5_000)];
  expect(waits.stopped).toBe(false);
  waits.stop();
  expect(waits.stopped).toBe(true);
  expect(await Promise.all(pending.map(isSettled))).toEqual([true, true]);
  expect(fake.countTimers()).toBe(0);
  expect(await isSettled(waits.sleep(300_000))).toBe(true);
  expect(fake.countTimers()).toBe(0);
});
