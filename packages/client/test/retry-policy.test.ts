import { describe, expect, it } from 'vitest';
import { backoffMs, DEFAULT_RETRY_POLICY, resolveRetryPolicy, retryAfterMs } from '../src/retry-policy.js';

describe('retryAfterMs', () => {
  const now = Date.parse('2026-11-24T10:00:00Z');
  it.each([
    ['delta-seconds', { given: '7', want: 7_000 }],
    ['an HTTP date', { given: 'Tue, 24 Nov 2026 10:00:05 GMT', want: 5_000 }],
    ['a date in the past', { given: 'Tue, 24 Nov 2026 09:00:00 GMT', want: 0 }],
    ['nonsense', { given: 'soon', want: undefined }],
    ['absent', { given: null, want: undefined }],
  ])('%s', (_name, { given, want }) => expect(retryAfterMs(given, now)).toBe(want));
});

describe('backoffMs', () => {
  const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1_000 };
  it.each([
    [1, 100],
    [2, 200],
    [3, 400],
    [5, 1_000], // capped
  ])('retry %i waits less than %i ms (full jitter)', (retry, ceiling) => {
    expect(backoffMs(policy, retry, () => 0.999999)).toBe(ceiling - 1);
    expect(backoffMs(policy, retry, () => 0)).toBe(0);
  });
});

describe('resolveRetryPolicy', () => {
  it('turns false into a single attempt, and fills a partial policy from the defaults', () => {
    expect(resolveRetryPolicy(false).attempts).toBe(1);
    expect(resolveRetryPolicy({ attempts: 5 })).toEqual({ ...DEFAULT_RETRY_POLICY, attempts: 5 });
    expect(() => resolveRetryPolicy({ attempts: 0 })).toThrow('retry.attempts must be an integer ≥ 1');
  });
});
