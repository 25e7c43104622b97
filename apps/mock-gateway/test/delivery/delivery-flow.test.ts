// Flow control: commands wait for capacity only while too many first attempts are under way, and
// never longer than the bound.
import { describe, expect, it } from 'vitest';
import { createDeliveryFlow } from '../../src/delivery/delivery-flow.js';
import { fakeClock } from '../support/fake-clock.js';

const settledState = async (promise: Promise<void>) => {
  let done = false;
  void promise.then(() => (done = true));
  await Promise.resolve();
  await Promise.resolve();
  return done;
};

describe('createDeliveryFlow', () => {
  it('has capacity (no promise at all) up to the high water mark', () => {
    const flow = createDeliveryFlow({ highWater: 3, clock: fakeClock().clock });
    for (let i = 0; i < 3; i++) flow.started();
    expect(flow.waitForCapacity()).toBeUndefined();
    flow.started();
    expect(flow.waitForCapacity()).toBeInstanceOf(Promise);
  });

  it('lets the waiting commands go once the first attempts under way are down to the low water mark', async () => {
    const { clock } = fakeClock();
    const flow = createDeliveryFlow({ highWater: 4, lowWater: 2, clock });
    for (let i = 0; i < 5; i++) flow.started();
    const waiting = [flow.waitForCapacity()!, flow.waitForCapacity()!];
    flow.settled();
    flow.settled();
    expect(await settledState(waiting[0]!)).toBe(false); // 3 under way: above the low water mark
    flow.settled();
    expect(await Promise.all(waiting.map(settledState))).toEqual([true, true]);
    expect(flow.underWay).toBe(2);
  });

  it('never holds a command longer than maxWaitMs (a receiver that takes its time must not stall commands)', async () => {
    const { fake, clock } = fakeClock();
    const flow = createDeliveryFlow({ highWater: 0, maxWaitMs: 1_000, clock });
    flow.started();
    const waiting = flow.waitForCapacity()!;
    await fake.tickAsync(999);
    expect(await settledState(waiting)).toBe(false);
    await fake.tickAsync(1);
    expect(await settledState(waiting)).toBe(true);
  });
});
