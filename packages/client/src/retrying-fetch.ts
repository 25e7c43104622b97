// A fetch that applies the retry policy. openapi-fetch calls it with a finished Request; each
// attempt sends a clone of it, so every retry is byte for byte the same request (same
// `command_uid`).
import { CallControlNetworkError } from './errors.js';
import { backoffMs, retryAfterMs, type RetryPolicy } from './retry-policy.js';

export type Fetch = (input: Request, init?: RequestInit) => Promise<Response>;

/** Called before each retry (for logging, metrics, tests). */
export type OnRetry = (info: { attempt: number; delayMs: number; reason: number | 'network' }) => void;

function sleep(ms: number, signal: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function retryingFetch(fetch: Fetch, policy: RetryPolicy, onRetry?: OnRetry): Fetch {
  if (policy.attempts === 1) return fetch;
  return async (request, init) => {
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= policy.attempts;
      let response: Response;
      try {
        response = await fetch(last ? request : request.clone(), init);
      } catch (error) {
        // An abort (the caller's, or the timeout's) is final; anything else is the network.
        if (request.signal.aborted) throw error;
        if (last) throw new CallControlNetworkError(attempt, { cause: error });
        const delayMs = backoffMs(policy, attempt);
        onRetry?.({ attempt: attempt + 1, delayMs, reason: 'network' });
        await sleep(delayMs, request.signal);
        continue;
      }
      if (last || !policy.statuses.includes(response.status)) return response;
      const asked = retryAfterMs(response.headers.get('retry-after'));
      if (asked !== undefined && asked > policy.maxRetryAfterMs) return response;
      const delayMs = asked ?? backoffMs(policy, attempt);
      await response.body?.cancel(); // the socket can be reused; this answer is not returned
      onRetry?.({ attempt: attempt + 1, delayMs, reason: response.status });
      await sleep(delayMs, request.signal);
    }
  };
}
