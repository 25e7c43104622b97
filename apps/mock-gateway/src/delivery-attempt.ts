// One delivery attempt: a signed POST of an event's exact bytes to the receiver, over a pool of
// kept-alive connections (undici: about half the CPU per request of node:http's client, which
// matters at two webhooks per command). What comes back is the status (or the error's code, or
// `timeout`) and any Retry-After the receiver asked for on a status the spec honours it on.
import type { WebhookEvent } from '@call-control/types';
import { parseRetryAfter } from '@call-control/client';
import { type Dispatcher, Pool } from 'undici';
import { type Clock, MAX_TIMER_MS } from './clock.js';
import { createWebhookSigner } from './webhook-signer.js';

export interface DeliveryAttemptOptions {
  url: URL;
  secret: string;
  /** The receiver's answers whose `Retry-After` is honoured (the spec's `webhook_retry_after_statuses`). */
  retryAfterStatuses: readonly number[];
  /** How long one attempt may take to get its status before it counts as failed. */
  attemptTimeoutMs: number;
  clock: Clock;
}

export interface AttemptResult {
  /** The HTTP status, or what went wrong instead (`timeout`, `ECONNREFUSED`, …). */
  status: number | string;
  retryAfterMs?: number;
}

/** How long a 2xx's body may take to finish once its status is in; then it is abandoned. */
export const BODY_GRACE_MS = 1_000;

export const isDelivered = (status: number | string) => typeof status === 'number' && status >= 200 && status <= 299;

export function createDeliveryAttempts({ url, secret, retryAfterStatuses, attemptTimeoutMs, clock }: DeliveryAttemptOptions) {
  const honoured = new Set(retryAfterStatuses);
  const sign = createWebhookSigner(secret);
  const pool = new Pool(url.origin, { connections: 64 });
  const path = `${url.pathname}${url.search}`;

  /**
   * A delivery counts on its status; the body is not ours to read. Drain it so the connection is
   * reused, but a receiver that never finishes it must not hold the session: after a short grace
   * the body (and its connection) is abandoned.
   */
  const drainBody = async (body: Dispatcher.ResponseData['body']) => {
    const grace = new AbortController();
    const timer = clock.setTimeout(() => grace.abort(), BODY_GRACE_MS);
    try {
      await body.dump({ limit: 128 * 1024, signal: grace.signal });
    } catch {
      // Abandoned, or the connection broke: the status is in either way.
    } finally {
      clock.clearTimeout(timer);
    }
  };

  return {
    /** One POST of `body` (the event, serialised once for every attempt). */
    async send(event: WebhookEvent, body: string): Promise<AttemptResult> {
      // The status must come in time: a receiver that never answers fails like one that says no.
      // A timer cleared when the attempt ends, not AbortSignal.timeout, which would stay armed
      // for the full timeout per webhook.
      const timeout = new AbortController();
      const timer = clock.setTimeout(() => timeout.abort(), Math.min(attemptTimeoutMs, MAX_TIMER_MS));
      try {
        const response = await pool.request({
          path,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'call-control-mock-gateway', ...sign(event.id, body) },
          body,
          signal: timeout.signal,
        });
        const { statusCode: status } = response;
        const header = response.headers['retry-after'];
        const retryAfterMs = honoured.has(status) ? parseRetryAfter(Array.isArray(header) ? header[0] : header, clock.now()) : undefined;
        await drainBody(response.body);
        return { status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
      } catch (error) {
        if (timeout.signal.aborted) return { status: 'timeout' };
        const { code, cause } = error as { code?: string; cause?: { code?: string } };
        return { status: cause?.code ?? code ?? 'error' };
      } finally {
        clock.clearTimeout(timer);
      }
    },
    close: () => pool.destroy(),
  };
}
