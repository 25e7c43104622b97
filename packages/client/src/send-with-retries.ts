// The retry loop around one command. Each attempt is a whole new openapi-fetch call with the
// very same body (and so the same `command_uid`), which keeps every retry idempotent on the
// gateway and costs nothing on the happy path (no request cloning).
import { CallControlNetworkError } from './errors.js';
import { backoffMs, retryAfterMs, type RetryPolicy } from './retry-policy.js';

/** Called before each retry (for logging, metrics, tests). */
export type OnRetry = (info: { attempt: number; delayMs: number; reason: number | 'network' }) => void;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export async function sendWithRetries<Result extends { response: Response }>(
  send: () => Promise<Result>,
  { policy, signal, onRetry }: { policy: RetryPolicy; signal: AbortSignal; onRetry?: OnRetry | undefined },
): Promise<Result> {
  for (let attempt = 1; ; attempt++) {
    const last = attempt >= policy.attempts;
    let result: Result;
    try {
      result = await send();
    } catch (error) {
      // An abort (the caller's, or the timeout's) is final; anything else is the network.
      if (signal.aborted) throw error;
      if (last) throw new CallControlNetworkError(attempt, { cause: error });
      const delayMs = backoffMs(policy, attempt);
      onRetry?.({ attempt: attempt + 1, delayMs, reason: 'network' });
      await sleep(delayMs, signal);
      continue;
    }
    const { status, headers } = result.response;
    if (last || !policy.statuses.includes(status)) return result;
    const asked = retryAfterMs(headers.get('retry-after'));
    if (asked !== undefined && asked > policy.maxRetryAfterMs) return result;
    const delayMs = asked ?? backoffMs(policy, attempt);
    onRetry?.({ attempt: attempt + 1, delayMs, reason: status });
    await sleep(delayMs, signal);
  }
}
