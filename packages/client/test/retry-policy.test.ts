import { describe, expect, it } from 'vitest';
import { backoffMs, DEFAULT_RETRY_POLICY, resolveRetryPolicy } from '../src/retry-policy.js';

describe('backoffMs', () => {
  const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1_000 };
  it.each([
    [1, 100],
    [2, 200],
    [3, 400],
    [5, 1_000], // capped
  ])('retry %i waits in [half, all) of %i ms (equal jitter)', (retry, step) => {
    expect(backoffMs(policy, retry, 0, () => 0)).toBe(step / 2);
    expect(backoffMs(policy, retry, 0, () => 0.999999)).toBe(step - 1);
  });

  it('raises the floor to a Retry-After and adds the jitter on top', () => {
    expect(backoffMs(policy, 1, 3_000, () => 0)).toBe(3_000);
    expect(backoffMs(policy, 1, 3_000, () => 0.5)).toBe(3_025);
    // Retry-After: 0 still waits half a step, so retries never go back to back.
    expect(backoffMs(policy, 1, 0, () => 0)).toBe(50);
  });
});

describe('resolveRetryPolicy', () => {
  it('turns false into a single attempt, and fills a partial policy from the defaults', () => {
    expect(resolveRetryPolicy(false).attempts).toBe(1);
    expect(resolveRetryPolicy({ attempts: 5 })).toEqual({ ...DEFAULT_RETRY_POLICY, attempts: 5 });
    expect(() => resolveRetryPolicy({ attempts: 0 })).toThrow('retry.attempts must be an integer ≥ 1');
  });
});
