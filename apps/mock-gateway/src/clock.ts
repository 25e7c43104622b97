// Time, as the mock's behaviour sees it: the delivery schedule, dispatch delays, the dates in
// events. One seam, so tests drive time with a fake clock instead of sleeping for real.

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** The longest delay a timer takes (2³¹−1 ms, about 24.8 days); Node fires longer ones at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** Resolves after `ms` on the clock (at once for 0 or less); a longer wait than a timer takes is capped. */
export function sleep(clock: Clock, ms: number): Promise<void> {
  if (!(ms > 0)) return Promise.resolve();
  return new Promise((resolve) => clock.setTimeout(resolve, Math.min(ms, MAX_TIMER_MS)));
}
