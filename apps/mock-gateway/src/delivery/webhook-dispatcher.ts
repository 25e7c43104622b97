// Delivers webhooks: signed per Standard Webhooks (webhook-signer.ts), POSTed to the receiver,
// at least once, strictly in order per session (a session's next event waits for the previous
// one's delivery), retried on the spec's schedule (compressed by `retryScale`), honouring
// Retry-After on the statuses the spec lists within it (see retry-schedule), with the same
// `webhook-id` on every attempt. The backlog is bounded, over all sessions and per session. An
// event whose attempts run out, that finds the backlog full, or that is still queued at
// shutdown, is logged as undelivered: nothing is dropped silently. An observer (the delivery
// journal) is told of each attempt and of each event given up; `duplicateRate` delivers a
// delivered event once more, as at-least-once delivery does in production.
import type { WebhookEvent } from '@call-control/types';
import { type Clock, MAX_TIMER_MS, systemClock } from '../shared/clock.js';
import type { PlannedEvent } from '../commands/command-plan.js';
import { createDeliveryAttempts, isDelivered } from './delivery-attempt.js';
import { createDeliveryFlow } from './delivery-flow.js';
import type { AttemptReport } from '../workbench/delivery-journal.js';
import type { Log } from '../shared/log.js';
import { createRetrySchedule } from './retry-schedule.js';

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
  /** Past this many first attempts under way, new commands wait for room (see delivery-flow). */
  flowHighWater?: number;
  observer?: DeliveryObserver;
  /** The chance (0–1) that a delivered event is delivered once more, with the same webhook-id. */
  duplicateRate?: number;
  /** Rolls the duplicate's dice; tests pass a fixed one. */
  random?: () => number;
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

interface Queue {
  items: PlannedEvent[];
  running: boolean;
}

const operationOf = (event: WebhookEvent) => (event.data.operation_id ? `, operation ${event.data.operation_id}` : '');

export function createWebhookDispatcher(options: DispatcherOptions) {
  const {
    url,
    secret,
    retryScheduleS,
    retryScale,
    attemptTimeoutMs,
    log,
    clock = systemClock,
    observer,
    duplicateRate = 0,
    random = Math.random,
  } = options;
  const { maxQueued = DEFAULT_MAX_QUEUED, maxQueuedPerSession = DEFAULT_MAX_QUEUED_PER_SESSION } = options;
  const schedule = createRetrySchedule(retryScheduleS, retryScale);
  const flow = createDeliveryFlow({
    clock,
    ...(options.flowHighWater === undefined ? {} : { highWater: options.flowHighWater }),
  });
  const attempts = createDeliveryAttempts({
    url,
    secret,
    retryAfterStatuses: options.retryAfterStatuses,
    attemptTimeoutMs,
    clock,
  });
  const queues = new Map<string, Queue>();
  // Pending waits, so shutdown can end them at once.
  const sleepers = new Map<unknown, () => void>();
  const stats: DispatcherStats = { delivered: 0, undelivered: 0, overflowed: 0, attempts: 0, queued: 0 };
  let stopping = false;
  let idle: (() => void) | undefined;

  /** Given up on, and said so, event by event: nothing is dropped silently. */
  const undelivered = (event: WebhookEvent, session: string, why: string) => {
    stats.undelivered += 1;
    observer?.undelivered(event);
    log.warn(`undelivered: webhook ${event.type} ${event.id} (session ${session}${operationOf(event)}) ${why}`, {
      event: event.type,
      id: event.id,
      session,
      operation: event.data.operation_id,
    });
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (!(ms > 0) || stopping) return resolve();
      const timer = clock.setTimeout(
        () => {
          sleepers.delete(timer);
          resolve();
        },
        Math.min(ms, MAX_TIMER_MS),
      );
      sleepers.set(timer, resolve);
    });

  /** Resolves true once a 2xx came back. `duplicate`: the copy of an event already delivered. */
  const deliver = async ({ event }: PlannedEvent, session: string, duplicate = false): Promise<boolean> => {
    const body = JSON.stringify(event);
    let retryAfterMs: number | undefined;
    for (let attemptNumber = 1; attemptNumber <= schedule.attempts; attemptNumber++) {
      await sleep(schedule.waitBefore(attemptNumber - 1, retryAfterMs));
      if (stopping) break;
      const [startedAt, started] = [clock.now(), performance.now()];
      if (attemptNumber === 1) flow.started();
      const result = await attempts.send(event, body);
      if (attemptNumber === 1) flow.settled();
      const { status } = result;
      retryAfterMs = result.retryAfterMs;
      const durationMs = performance.now() - started;
      stats.attempts += 1;
      log.delivery({
        event: event.type,
        id: event.id,
        attempt: attemptNumber,
        status,
        ms: durationMs,
        session,
        ...(duplicate ? { duplicate } : {}),
      });
      observer?.attempt(event, { startedAt, status, durationMs, duplicate });
      if (isDelivered(status)) {
        stats.delivered += 1;
        return true;
      }
    }
    // drain() reports what shutdown left undelivered; a copy that never arrived is no loss.
    if (!stopping && !duplicate) undelivered(event, session, 'exhausted its attempts');
    return false;
  };

  const overflow = ({ event }: PlannedEvent, session: string, sessionQueued: number) => {
    stats.overflowed += 1;
    const full =
      sessionQueued >= maxQueuedPerSession
        ? `the session's backlog is full (${maxQueuedPerSession})`
        : `the backlog is full (${maxQueued})`;
    undelivered(event, session, `was not queued: ${full}`);
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
    /** Undefined when a new command may go on at once; else resolves when delivery has room (see delivery-flow). */
    room: () => flow.room(),
    /** Queues a session's events behind any it already has. */
    enqueue(session: string, events: PlannedEvent[]) {
      if (events.length === 0) return;
      const queue = queues.get(session) ?? { items: [], running: false };
      for (const planned of events) {
        // Bounded memory: past either cap an event is refused, and said so, never queued.
        if (stats.queued >= maxQueued || queue.items.length >= maxQueuedPerSession)
          overflow(planned, session, queue.items.length);
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
        for (const { event } of queue.items) undelivered(event, session, 'was still queued at shutdown');
        queue.items.length = 0;
      }
      queues.clear();
      stats.queued = 0;
      await attempts.close();
    },
  };
}

export type WebhookDispatcher = ReturnType<typeof createWebhookDispatcher>;
