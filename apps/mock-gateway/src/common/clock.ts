// Time, as the mock's behaviour sees it: the delivery schedule, dispatch delays, the dates in
// events. One seam, so tests drive time with a fake clock instead of sleeping for real.

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /**
   * Milliseconds on a monotonic clock, finer than `now` (a wait that must not end early checks
   * itself against it); when absent, `now`.
   */
  monotonic?(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
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

// The last two instants formatted: a command's events alternate between two (now, and when its
// deferred webhook is due).
const isoCache = { ms: [Number.NaN, Number.NaN], text: ['', ''], next: 0 };
/**
 * RFC 3339 in UTC, as `Date#toISOString` writes it. The last one is kept: the dates of one
 * command (its events, its journal entries) mostly share an instant, and formatting one is
 * a good part of building an event.
 */
export function isoTime(date: Date | number): string {
  const ms = typeof date === 'number' ? date : date.getTime();
  if (ms === isoCache.ms[0]) return isoCache.text[0]!;
  if (ms === isoCache.ms[1]) return isoCache.text[1]!;
  const text = new Date(ms).toISOString();
  const slot = isoCache.next;
  isoCache.ms[slot] = ms;
  isoCache.text[slot] = text;
  isoCache.next = 1 - slot;
  return text;
}
