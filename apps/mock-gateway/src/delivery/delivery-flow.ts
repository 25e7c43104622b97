// Flow control between accepting commands and delivering their webhooks. A load test can send
// commands faster than a receiver on the same machine takes their webhooks; queueing the excess
// would grow the backlog until it overflows and webhooks are lost. Instead, while too many first
// attempts are under way (sent, no status yet), a new command waits — briefly — for capacity: the
// mock slows its answers to the pace of delivery. Retries waiting on the schedule do not count,
// so a receiver that is down does not slow commands (its events fill the bounded backlog).
import type { Clock } from '../common/clock.js';

export interface DeliveryFlowOptions {
  /** Past this many first attempts under way, a new command waits for capacity. */
  highWater?: number;
  /** It goes on once they are down to this many. */
  lowWater?: number;
  /** It never waits longer than this (a receiver that takes its time must not stall commands). */
  maxWaitMs?: number;
  clock: Clock;
}

const DEFAULT_HIGH_WATER = 512;

export function createDeliveryFlow({
  highWater = DEFAULT_HIGH_WATER,
  lowWater = Math.floor(highWater / 2),
  maxWaitMs = 1_000,
  clock,
}: DeliveryFlowOptions) {
  let underWay = 0;
  let waiters: (() => void)[] = [];
  const wake = () => {
    const woken = waiters;
    waiters = [];
    for (const resolve of woken) resolve();
  };
  return {
    /** A first attempt starts. */
    started(): void {
      underWay += 1;
    },
    /** A first attempt has its status (or will never get one). */
    settled(): void {
      underWay -= 1;
      if (underWay <= lowWater && waiters.length > 0) wake();
    },
    /** Undefined when there is capacity now (the usual case: no promise); else resolves once there is, or after maxWaitMs. */
    waitForCapacity(): Promise<void> | undefined {
      if (underWay <= highWater) return undefined;
      return new Promise<void>((resolve) => {
        const timer = clock.setTimeout(resolve, maxWaitMs);
        waiters.push(() => {
          clock.clearTimeout(timer);
          resolve();
        });
      });
    },
    get underWay() {
      return underWay;
    },
  };
}

export type DeliveryFlow = ReturnType<typeof createDeliveryFlow>;
