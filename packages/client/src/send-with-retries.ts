// The retry loop around one command. Each attempt is a whole new openapi-fetch call with the
// very same body (and so the same `command_uid`), which keeps every retry idempotent on the
// gateway and costs nothing on the happy path (no request cloning).
import { MAX_TIMER_MS } from './call-timeout.js';
import { CallControlNetworkError, CallControlRedirectError, CallControlResponseError } from './errors.js';
import { parseRetryAfter } from './retry-after.js';
import { backoffMs, type RetryPolicy } from './retry-policy.js';

/** Called before each retry (for logging, metrics, tests). */
export type OnRetry = (info: { attempt: number; delayMs: number; reason: number | 'network' }) => void;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.min(ms, MAX_TIMER_MS),
    );
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export interface SendOptions {
  policy: RetryPolicy;
  signal: AbortSignal;
  /** When the call's time is up (epoch ms; Infinity for never): no wait may end past it. */
  deadline: number;
  onRetry?: OnRetry | undefined;
}

export async function sendWithRetries<Result extends { response: Response }>(
  send: () => Promise<Result>,
  { policy, signal, deadline, onRetry }: SendOptions,
): Promise<Result> {
  for (let attempt = 1; ; attempt++) {
    const last = attempt >= policy.attempts;
    let result: Result;
    try {
      result = await send();
    } catch (error) {
      // An abort (the caller's, or the timeout's) is final, and so is an answer the client
      // could not read (the command may have run) or refused (a redirect); anything else is
      // the network.
      const refused = error instanceof CallControlResponseError || error instanceof CallControlRedirectError;
      if (signal.aborted || refused) throw error;
      const delayMs = backoffMs(policy, attempt);
      // A wait past the deadline would end in a timeout: report the failure now instead.
      if (last || delayMs >= deadline - Date.now()) throw new CallControlNetworkError(attempt, { cause: error });
      onRetry?.({ attempt: attempt + 1, delayMs, reason: 'network' });
      await sleep(delayMs, signal);
      continue;
    }
    const { status, headers } = result.response;
    if (last || !policy.statuses.includes(status)) return result;
    const asked = parseRetryAfter(headers.get('retry-after'));
    if (asked !== undefined && asked > policy.maxRetryAfterMs) return result;
    const delayMs = backoffMs(policy, attempt, asked);
    // The caller gets the 429/503 at once rather than a timeout after waiting in vain.
    if (delayMs >= deadline - Date.now()) return result;
    onRetry?.({ attempt: attempt + 1, delayMs, reason: status });
    await sleep(delayMs, signal);
  }
}
