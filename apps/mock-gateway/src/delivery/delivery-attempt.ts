// One delivery attempt: a signed POST of an event's exact bytes to the receiver, over a pool of
// kept-alive connections (undici: less CPU per request than node:http's client, which matters
// at two webhooks per command; ADR 0010), through undici's own dispatch API: no AbortController
// or stream per attempt. What comes back is the status (or the error's code, or `timeout`) and
// any Retry-After the receiver asked for on a status the spec honours it on — and, for the
// inspector, the signature headers sent and the start of the receiver's answer.
import type { WebhookEvent } from '@call-control/types';
import { parseRetryAfter } from '@call-control/client';
import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
// undici's Pool alone, not the package's index: the index loads all of undici (fetch, caches,
// WebSocket, proxies), two thirds of its load time, at every start of the mock, for nothing it
// uses. undici has no `exports` map, so the file is reachable; its version is pinned exactly.
import Pool from 'undici/lib/dispatcher/pool.js';
import { type Clock, MAX_TIMER_MS } from '../common/clock.js';
import type { WebhookHeaders } from '@call-control/webhooks';
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
  /** The Standard Webhooks headers this attempt was sent with (each attempt is signed afresh). */
  requestHeaders: WebhookHeaders;
  /**
   * The start of the receiver's response body (at most RESPONSE_START_BYTES), as far as it has
   * arrived: read once the attempt's promise has settled, it holds what came with the status.
   */
  responseStart(): string;
}

/** How much of a receiver's response body an attempt keeps: enough to read an error, bounded. */
export const RESPONSE_START_BYTES = 256;

/** How long a 2xx's body may take to finish once its status is in; then it is abandoned. */
export const BODY_GRACE_MS = 1_000;

export const isDelivered = (status: number | string) => typeof status === 'number' && status >= 200 && status <= 299;

/** A response with no body to wait for (RFC 9110 §6.4.1). */
const bodyless = (status: number, headers: IncomingHttpHeaders) =>
  status === 204 || status === 304 || headers['content-length'] === '0';

export function createDeliveryAttempts({
  url,
  secret,
  retryAfterStatuses,
  attemptTimeoutMs,
  clock,
}: DeliveryAttemptOptions) {
  const honoured = new Set(retryAfterStatuses);
  const sign = createWebhookSigner(secret);
  const pool = new Pool(url.origin, { connections: 64 });
  const path = `${url.pathname}${url.search}`;

  return {
    /**
     * One POST of `body` (the event, serialised once for every attempt). It resolves as soon as
     * the status is in: a delivery counts on its status, and the body is not ours to read. undici
     * reads it on (so the connection is reused), but a receiver that never finishes it must not
     * hold a connection: after a short grace the response is abandoned.
     */
    send(event: WebhookEvent, body: string): Promise<AttemptResult> {
      return new Promise((resolve) => {
        let controller: Dispatcher.DispatchController | undefined;
        let settled = false;
        let grace: unknown;
        const signed = sign(event.id, body);
        // The body's first bytes, kept as they arrive (undici hands over what came with the
        // status before the awaiting code runs).
        const start: Buffer[] = [];
        let kept = 0;
        const responseStart = () => (kept === 0 ? '' : Buffer.concat(start).toString('utf8'));
        // One shape for every result, built in place: this runs for every attempt, and the two
        // object spreads it replaced were the costliest line of the mock's own code in a CPU profile.
        const settle = (status: AttemptResult['status'], retryAfterMs?: number) => {
          if (settled) return;
          settled = true;
          clock.clearTimeout(deadline);
          resolve({ status, retryAfterMs, requestHeaders: signed, responseStart });
        };
        // The status must come in time: a receiver that never answers fails like one that says no.
        const deadline = clock.setTimeout(
          () => {
            settle('timeout');
            controller?.abort(new Error('the receiver did not answer in time'));
          },
          Math.min(attemptTimeoutMs, MAX_TIMER_MS),
        );
        const headers = {
          'content-type': 'application/json',
          'user-agent': 'call-control-mock-gateway',
          ...signed,
        };
        pool.dispatch(
          { path, method: 'POST', headers, body },
          {
            onRequestStart(started) {
              controller = started;
              if (settled) started.abort(new Error('the receiver did not answer in time'));
            },
            onResponseStart(started, status, responseHeaders) {
              const header = responseHeaders['retry-after'];
              const retryAfterMs = honoured.has(status)
                ? parseRetryAfter(Array.isArray(header) ? header[0] : header, clock.now())
                : undefined;
              settle(status, retryAfterMs);
              if (!bodyless(status, responseHeaders))
                grace = clock.setTimeout(
                  () => started.abort(new Error('the response body was abandoned')),
                  BODY_GRACE_MS,
                );
            },
            onResponseData(_controller, chunk) {
              if (kept >= RESPONSE_START_BYTES) return;
              start.push(chunk.subarray(0, RESPONSE_START_BYTES - kept));
              kept += chunk.length;
            },
            onResponseEnd() {
              clock.clearTimeout(grace);
            },
            onResponseError(_controller, error) {
              clock.clearTimeout(grace);
              const { code, cause } = error as { code?: string; cause?: { code?: string } };
              settle(cause?.code ?? code ?? 'error');
            },
          },
        );
      });
    },
    close: () => pool.destroy(),
  };
}

export type DeliveryAttempts = ReturnType<typeof createDeliveryAttempts>;
