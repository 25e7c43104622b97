// Safe retries. A command carries its `command_uid`, so re-sending the very same request is
// idempotent on the gateway: the client retries network failures, 429 (after Retry-After) and
// 502/503/504, with bounded exponential backoff and full jitter — never any other 4xx.

export interface RetryPolicy {
  /** Attempts in all, the first included; default 3. `1` means no retry. */
  attempts: number;
  /** The backoff before retry n is random in [0, min(maxDelayMs, baseDelayMs · 2ⁿ⁻¹)]. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the response is returned instead. */
  maxRetryAfterMs: number;
  /** Statuses worth another attempt. */
  statuses: readonly number[];
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 3,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  maxRetryAfterMs: 60_000,
  statuses: [429, 502, 503, 504],
};

/** `false` switches retries off; a partial policy overrides the defaults. */
export type RetryOption = false | Partial<RetryPolicy>;

export function resolveRetryPolicy(option: RetryOption | undefined): RetryPolicy {
  if (option === false) return { ...DEFAULT_RETRY_POLICY, attempts: 1 };
  const policy = { ...DEFAULT_RETRY_POLICY, ...option };
  if (!Number.isInteger(policy.attempts) || policy.attempts < 1) throw new RangeError('retry.attempts must be an integer ≥ 1');
  return policy;
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or bad. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The wait before retry number `retry` (1 for the first retry), with full jitter. */
export function backoffMs(policy: RetryPolicy, retry: number, random = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}
