// Delivers webhooks: signed per Standard Webhooks with the shared signer, POSTed to the
// receiver, at least once, strictly in order per session (a session's next event waits for
// the previous one's delivery), retried on the spec's schedule (compressed by `retryScale`),
// honouring Retry-After on 429/502/503/504, with the same `webhook-id` on every attempt. An
// event whose attempts run out, or that is still queued at shutdown, is logged as
// undelivered: nothing is dropped silently. An observer (the delivery journal) is told of each
// attempt and of each event given up; `duplicateRate` delivers a delivered event once more, as
// at-least-once delivery does in production.
import type { WebhookEvent } from '@call-control/types';
import { parseRetryAfter } from '@call-control/client';
import { Pool } from 'undici';
import { signWebhook } from '@call-control/webhooks';
import { type Clock, MAX_TIMER_MS, systemClock } from './clock.js';
import type { PlannedEvent } from './command-plan.js';
import type { AttemptReport } from './delivery-journal.js';
import type { Log } from './log.js';

/** Told of each attempt and of each event given up (the delivery journal is one). */
export interface DeliveryObserver {
  attempt(event: WebhookEvent, report: AttemptReport): void;
  undelivered(event: WebhookEvent): void;
}

export interface DispatcherOptions {
  url: URL;
  secret: string;
  /** The spec's retry schedule in seconds; the first entry is the first attempt's delay. */
  retryScheduleS: readonly number[];
  /** Multiplies the schedule: 1 is the real schedule, 0.001 turns seconds into milliseconds. */
  retryScale: number;
  /** How long one attempt may take before it counts as failed. */
  attemptTimeoutMs: number;
  log: Log;
  /** Drives the schedule's waits; tests pass a fake one. */
  clock?: Clock;
  observer?: DeliveryObserver;
  /** The chance (0–1) that a delivered event is delivered once more, with the same webhook-id. */
  duplicateRate?: number;
  /** Rolls the duplicate's dice; tests pass a fixed one. */
  random?: () => number;
}

export interface DispatcherStats {
  delivered: number;
  undelivered: number;
  attempts: number;
  queued: number;
}

interface Queue {
  items: PlannedEvent[];
  running: boolean;
}

const RETRY_AFTER_STATUSES = new Set([429, 502, 503, 504]);
const operationOf = (event: WebhookEvent) => (event.data.operation_id ? `, operation ${event.data.operation_id}` : '');

export function createWebhookDispatcher(options: DispatcherOptions) {
  const { url, secret, retryScheduleS, retryScale, attemptTimeoutMs, log, clock = systemClock, observer, duplicateRate = 0, random = Math.random } = options;
  // undici: about half the CPU per request of node:http's client, which matters at two
  // webhooks per command.
  const pool = new Pool(url.origin, { connections: 64 });
  const path = `${url.pathname}${url.search}`;
  const queues = new Map<string, Queue>();
  // Pending waits, so shutdown can end them at once.
  const sleepers = new Map<unknown, () => void>();
  const stats: DispatcherStats = { delivered: 0, undelivered: 0, attempts: 0, queued: 0 };
  let stopping = false;
  let idle: (() => void) | undefined;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (!(ms > 0) || stopping) return resolve();
      const timer = clock.setTimeout(() => {
        sleepers.delete(timer);
        resolve();
      }, Math.min(ms, MAX_TIMER_MS));
      sleepers.set(timer, resolve);
    });

  /** One POST; resolves with the status (or the error's code) and any Retry-After. */
  const attempt = async (body: string, event: WebhookEvent): Promise<{ status: number | string; retryAfterMs?: number }> => {
    // The whole attempt, answer included, must finish in time: a receiver that trickles its
    // answer byte by byte fails like one that never answers. A timer cleared when the attempt
    // ends, not AbortSignal.timeout, which would stay armed for the full timeout per webhook.
    const timeout = new AbortController();
    const timer = clock.setTimeout(() => timeout.abort(), Math.min(attemptTimeoutMs, MAX_TIMER_MS));
    const { signal } = timeout;
    try {
      const response = await pool.request({
        path,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'call-control-mock-gateway', ...signWebhook({ id: event.id, body, secret }) },
        body,
        signal,
      });
      await response.body.dump(); // the body is not ours to read; drain it so the socket is reused
      const status = response.statusCode;
      const header = response.headers['retry-after'];
      const retryAfterMs = RETRY_AFTER_STATUSES.has(status) ? parseRetryAfter(Array.isArray(header) ? header[0] : header, clock.now()) : undefined;
      return { status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
    } catch (error) {
      if (signal.aborted) return { status: 'timeout' };
      const { code, cause } = error as { code?: string; cause?: { code?: string } };
      return { status: cause?.code ?? code ?? 'error' };
    } finally {
      clock.clearTimeout(timer);
    }
  };

  /** Resolves true once a 2xx came back. `duplicate`: the copy of an event already delivered. */
  const deliver = async ({ event }: PlannedEvent, session: string, duplicate = false): Promise<boolean> => {
    const body = JSON.stringify(event);
    let waitMs = 0;
    for (let attemptNumber = 1; attemptNumber <= retryScheduleS.length; attemptNumber++) {
      const scheduledMs = retryScheduleS[attemptNumber - 1]! * 1000 * retryScale;
      await sleep(Math.max(scheduledMs, waitMs));
      if (stopping) break;
      const [startedAt, started] = [clock.now(), performance.now()];
      const { status, retryAfterMs } = await attempt(body, event);
      const durationMs = performance.now() - started;
      stats.attempts += 1;
      log.delivery({ event: event.type, id: event.id, attempt: attemptNumber, status, ms: durationMs, session, ...(duplicate ? { duplicate } : {}) });
      observer?.attempt(event, { startedAt, status, durationMs, duplicate });
      if (typeof status === 'number' && status >= 200 && status <= 299) {
        stats.delivered += 1;
        return true;
      }
      waitMs = retryAfterMs ?? 0;
    }
    // drain() reports what shutdown left undelivered; a copy that never arrived is no loss.
    if (stopping || duplicate) return false;
    stats.undelivered += 1;
    observer?.undelivered(event);
    log.warn(`undelivered: webhook ${event.type} ${event.id} (session ${session}${operationOf(event)}) exhausted its attempts`, {
      event: event.type,
      id: event.id,
      session,
      operation: event.data.operation_id,
    });
    return false;
  };

  const pump = async (session: string, queue: Queue) => {
    queue.running = true;
    while (queue.items.length > 0) {
      const next = queue.items[0]!;
      await sleep(next.dueAt - clock.now());
      if (stopping) break;
      const delivered = await deliver(next, session);
      if (stopping) break;
      queue.items.shift();
      stats.queued -= 1;
      // At least once: now and then the same event (same webhook-id) arrives again.
      if (delivered && duplicateRate > 0 && random() < duplicateRate) await deliver(next, session, true);
    }
    queue.running = false;
    if (queue.items.length === 0) queues.delete(session);
    if (queues.size === 0) idle?.();
  };

  return {
    stats,
    /** Queues a session's events behind any it already has. */
    enqueue(session: string, events: PlannedEvent[]) {
      if (events.length === 0) return;
      const queue = queues.get(session) ?? { items: [], running: false };
      queues.set(session, queue);
      queue.items.push(...events);
      stats.queued += events.length;
      if (!queue.running) void pump(session, queue);
    },
    /**
     * Stops after the queued events are delivered, or after `graceMs`; whatever is left is
     * logged as undelivered, event by event.
     */
    async drain(graceMs: number) {
      if (queues.size > 0) {
        await Promise.race([new Promise<void>((resolve) => (idle = resolve)), sleep(graceMs)]);
      }
      stopping = true;
      for (const [timer, wake] of sleepers) {
        clock.clearTimeout(timer);
        wake();
      }
      sleepers.clear();
      for (const [session, queue] of queues) {
        for (const { event } of queue.items) {
          stats.undelivered += 1;
          observer?.undelivered(event);
          log.warn(`undelivered: webhook ${event.type} ${event.id} (session ${session}${operationOf(event)}) was still queued at shutdown`, {
            event: event.type,
            id: event.id,
            session,
            operation: event.data.operation_id,
          });
        }
        queue.items.length = 0;
      }
      queues.clear();
      stats.queued = 0;
      await pool.destroy();
    },
  };
}

export type WebhookDispatcher = ReturnType<typeof createWebhookDispatcher>;
