// Timers take at most 2³¹−1 ms (~24.8 days): a longer delay overflows, and Node and browsers
// then fire it after about 1 ms. Every timer the client arms goes through here.
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A call's `timeoutMs`: `Infinity` for no timeout; any other number must be > 0 and is clamped to
 * MAX_TIMER_MS. 0 is refused, not read as "none": libraries disagree on it, so it is ambiguous.
 */
export function checkTimeoutMs(timeoutMs: number): number {
  if (timeoutMs === Infinity) return timeoutMs;
  if (!(timeoutMs > 0)) throw new TypeError(`timeoutMs must be > 0, or Infinity for none (got ${timeoutMs})`);
  return Math.min(timeoutMs, MAX_TIMER_MS);
}
