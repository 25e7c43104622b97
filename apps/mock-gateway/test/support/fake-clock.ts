// The gateway's Clock on @sinonjs/fake-timers: a test moves time with `fake.tick` and every
// timer the code under test set on `clock` fires then, in order.
import FakeTimers from '@sinonjs/fake-timers';
import type { Clock } from '../../src/common/clock.js';

export function fakeClock() {
  const fake = FakeTimers.createClock(0);
  const clock: Clock = {
    now: () => fake.now,
    setTimeout: (callback, ms) => fake.setTimeout(callback, ms),
    clearTimeout: (id) => fake.clearTimeout(id as never),
  };
  return { fake, clock };
}
