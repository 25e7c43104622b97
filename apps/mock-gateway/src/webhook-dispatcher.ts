// Delivers webhooks: signed per Standard Webhooks (webhook-signer.ts), POSTed to the receiver,
// at least once, strictly in order per session (a session's next event waits for the previous
// one's delivery), retried on the spec's schedule (compressed by `retryScale`), honouring
// Retry-After on the statuses the spec lists within it (see retry-schedule), with the same
// `webhook-id` on every attempt. The backlog is bounded, over all sessions and per session. An
// event whose attempts run out, that finds the backlog full, or that is still queued at
// shutdown, is logged as undelivered: nothing is dropped silently.
import type { WebhookEvent } from '@call-control/types';
import { parseRetryAfter } from '@call-control/client';
import { type Dispatcher, Pool } from 'undici';
import { type Clock, MAX_TIMER_MS, systemClock } from './clock.js';
import type { PlannedEvent } from './command-plan.js';
import { createRetrySchedule } from './retry-schedule.js';
import type { Log } from './log.js';
import { createWebhookSigner } from './webhook-signer.js';

export interface DispatcherOptions {
  url: URL;
  secret: string;
  /** The spec's retry schedule in seconds; the first entry is the first attempt's delay. */
  retryScheduleS: readonly number[];
  /** The receiver's answers whose `Retry-After` is honoured (the spec's `webhook_retry_after_statuses`). */
  retryAfterStatuses: readonly number[];
  /** Multiplies the schedule: 1 is the real schedule, 0.001 turns seconds into milliseconds. */
  retryScale: number;
  /** How long one attempt may take before it counts as failed. */
  attemptTimeoutMs: number;
  log: Log;
  /** Drives the schedule's waits; tests pass a fake one. */
  clock?: Clock;
  /** At most this many events wait for delivery, over all sessions; default 10,000. */
  maxQueued?: number;
  /** At most this many events wait for delivery per session; default 100. */
  maxQueuedPerSession?: number;
}

export interface DispatcherStats {
  delivered: number;
  /** Given up: attempts ran out, the backlog was full, or shutdown came first. */
  undelivered: number;
  /** Of those, refused because the backlog (all sessions', or the session's) was full. */
  overflowed: number;
  attempts: number;
  queued: number;
}

export const DEFAULT_MAX_QUEUED = 10_000;
export const DEFAULT_MAX_QUEUED_PER_SESSION = 100;
/** How long a 2xx's body may take to finish once its status is in; then it is abandoned. */
export const BODY_GRACE_MS = 1_000;

interface Queue {
  items: PlannedEvent[];
  running: boolean;
}

const operationOf = (event: WebhookEvent) => (event.data.operation_id ? `, operation ${event.data.operation_id}` : '');

export function createWebhookDispatcher(options: DispatcherOptions) {
  const { url, secret, retryScheduleS, retryScale, attemptTimeoutMs, log, clock = systemClock } = options;
  const retryAfterStatuses = new Set(options.retryAfterStatuses);
  const sign = createWebhookSigner(secret);
  const { maxQueued = DEFAULT_MAX_QUEUED, maxQueuedPerSession = DEFAULT_MAX_QUEUED_PER_SESSION } = options;
  const schedule = createRetrySchedule(retryScheduleS, retryScale);
  // undici: about half the CPU per request of node:http's client, which matters at two
  // webhooks per command.
  const pool = new Pool(url.origin, { connections: 64 });
  const path = `${url.pathname}${url.search}`;
  const queues = new Map<string, Queue>();
  // Pending waits, so shutdown can end them at once.
  const sleepers = new Map<unknown, () => void>();
  const stats: DispatcherStats = { delivered: 0, undelivered: 0, overflowed: 0, attempts: 0, queued: 0 };
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
        headers: { 'content-type': 'application/json', 'user-agent': 'call-control-mock-gateway', ...sign(event.id, body) },
        body,
        signal,
      });
      const status = response.statusCode;
      const header = response.headers['retry-after'];
      const retryAfterMs = retryAfterStatuses.has(status) ? parseRetryAfter(Array.isArray(header) ? header[0] : header, clock.now()) : undefined;
      await drainBody(response.body);
      return { status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
    } catch (error) {
      if (signal.aborted) return { status: 'timeout' };
      const { code, cause } = error as { code?: string; cause?: { code?: string } };
      return { status: cause?.code ?? code ?? 'error' };
    } finally {
      clock.clearTimeout(timer);
    }
  };

  const deliver = async ({ event }: PlannedEvent, session: string) => {
    const body = JSON.stringify(event);
    let retryAfterMs: number | undefined;
    for (let attemptNumber = 1; attemptNumber <= schedule.attempts; attemptNumber++) {
      await sleep(schedule.waitBefore(attemptNumber - 1, retryAfterMs));
      if (stopping) break;
      const started = performance.now();
      const result = await attempt(body, event);
      const { status } = result;
      retryAfterMs = result.retryAfterMs;
      stats.attempts += 1;
      log.delivery({ event: event.type, id: event.id, attempt: attemptNumber, status, ms: performance.now() - started, session });
      if (typeof status === 'number' && status >= 200 && status <= 299) {
        stats.delivered += 1;
        return;
      }
    }
    if (stopping) return; // drain() reports what shutdown left undelivered
    stats.undelivered += 1;
    log.warn(`undelivered: webhook ${event.type} ${event.id} (session ${session}${operationOf(event)}) exhausted its attempts`, {
      event: event.type,
      id: event.id,
      session,
      operation: event.data.operation_id,
    });
  };

  const overflow = ({ event }: PlannedEvent, session: string, sessionQueued: number) => {
    stats.undelivered += 1;
    stats.overflowed += 1;
    const full = sessionQueued >= maxQueuedPerSession ? `the session's backlog is full (${maxQueuedPerSession})` : `the backlog is full (${maxQueued})`;
    log.warn(`undelivered: webhook ${event.type} ${event.id} (session ${session}${operationOf(event)}) was not queued: ${full}`, {
      event: event.type,
      id: event.id,
      session,
      operation: event.data.operation_id,
    });
  };

  const pump = async (session: string, queue: Queue) => {
    queue.running = true;
    while (queue.items.length > 0) {
      const next = queue.items[0]!;
      await sleep(next.dueAt - clock.now());
      if (stopping) break;
      await deliver(next, session);
      if (stopping) break;
      queue.items.shift();
      stats.queued -= 1;
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
      for (const planned of events) {
        // Bounded memory: past either cap an event is refused, and said so, never queued.
        if (stats.queued >= maxQueued || queue.items.length >= maxQueuedPerSession) overflow(planned, session, queue.items.length);
        else {
          queue.items.push(planned);
          stats.queued += 1;
        }
      }
      if (queue.items.length === 0) return;
      queues.set(session, queue);
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
