// The webhook dispatcher: a queue per session, each event sent no earlier than it is due and
// only once the session's event before it is delivered or given up (event-delivery: signed,
// retried on the spec's schedule with the same webhook-id). The backlog is bounded, over all
// sessions and per session: an event that finds it full, or that is still queued at shutdown,
// is logged as undelivered — nothing is dropped silently. The observer (the delivery journal)
// hears of each event planned and each resend, and of each attempt and each event given up;
// `duplicateRate` delivers a delivered event once more, as at-least-once delivery does in
// production.
import type { WebhookEvent } from '@call-control/types';
import type { PlannedEvent } from '../commands/command-plan.js';
import { type Clock, systemClock } from '../common/clock.js';
import type { Log } from '../common/log.js';
import { PASSED } from '../common/outcome.js';
import { createDeliveryAttempts } from './delivery-attempt.js';
import { createDeliveryFlow } from './delivery-flow.js';
import type { DeliveryObserver, DispatcherStats } from './delivery-reports.js';
import { createDeliveryWaits } from './delivery-waits.js';
import { createEventDelivery } from './event-delivery.js';
import { createReceiverHealth } from './receiver-health.js';
import { createRetrySchedule } from './retry-schedule.js';

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
  /** At most this many events wait for delivery, over all sessions (the backlog); default 10,000. */
  maxBacklog?: number;
  /** At most this many events wait for delivery per session; default 100. */
  maxBacklogPerSession?: number;
  /** Past this many first attempts under way, new commands wait for capacity (see delivery-flow). */
  flowHighWater?: number;
  observer?: DeliveryObserver;
  /** The chance (0–1) that a delivered event is delivered once more, with the same webhook-id. */
  duplicateRate?: number;
  /** Rolls the duplicate's dice; tests pass a fixed one. */
  random?: () => number;
}

export const DEFAULT_MAX_BACKLOG = 10_000;
export const DEFAULT_MAX_BACKLOG_PER_SESSION = 100;

interface Queue {
  items: PlannedEvent[];
  running: boolean;
  /** A reset let it go: nothing more of it is sent, not even the retries of the event under way. */
  cancelled: boolean;
}

export function createWebhookDispatcher(options: DispatcherOptions) {
  const { url, secret, log, clock = systemClock, observer, duplicateRate = 0, random = Math.random } = options;
  const { maxBacklog = DEFAULT_MAX_BACKLOG, maxBacklogPerSession = DEFAULT_MAX_BACKLOG_PER_SESSION } = options;
  const flow = createDeliveryFlow({
    clock,
    ...(options.flowHighWater === undefined ? {} : { highWater: options.flowHighWater }),
  });
  const attempts = createDeliveryAttempts({
    url,
    secret,
    retryAfterStatuses: options.retryAfterStatuses,
    attemptTimeoutMs: options.attemptTimeoutMs,
    clock,
  });
  const waits = createDeliveryWaits(clock);
  const stats: DispatcherStats = { delivered: 0, undelivered: 0, overflowed: 0, attempts: 0, queued: 0 };
  const { deliver, giveUp } = createEventDelivery({
    attempts,
    schedule: createRetrySchedule(options.retryScheduleS, options.retryScale),
    flow,
    waits,
    stats,
    log,
    clock,
    observer,
    health: createReceiverHealth({ url, secret, log, clock }),
  });
  const queues = new Map<string, Queue>();
  let idle: (() => void) | undefined;

  const overflow = ({ event }: PlannedEvent, session: string, sessionQueued: number) => {
    stats.overflowed += 1;
    const full =
      sessionQueued >= maxBacklogPerSession
        ? `the session's backlog is full (${maxBacklogPerSession})`
        : `the backlog is full (${maxBacklog})`;
    giveUp(event, session, `was not queued: ${full}`);
  };

  const pump = async (session: string, queue: Queue) => {
    queue.running = true;
    const live = () => !queue.cancelled;
    while (queue.items.length > 0) {
      const next = queue.items[0]!;
      const dueInMs = next.dueAt - clock.now();
      if (dueInMs > 0) observer?.waiting?.(next.event, { reason: 'due', until: next.dueAt });
      await waits.sleep(dueInMs);
      if (waits.stopped || queue.cancelled) break;
      const delivered = await deliver(next.event, session, false, live);
      if (waits.stopped || queue.cancelled) break;
      queue.items.shift();
      stats.queued -= 1;
      // At least once: now and then the same event (same webhook-id) arrives again.
      if (delivered && duplicateRate > 0 && random() < duplicateRate) await deliver(next.event, session, true, live);
    }
    queue.running = false;
    // A cancelled queue is no longer in the map (a new one of the same session may be).
    if (queue.items.length === 0 && queues.get(session) === queue) queues.delete(session);
    if (queues.size === 0) idle?.();
  };

  /** Queues a session's events behind any it already has. */
  const enqueue = (session: string, events: PlannedEvent[]) => {
    const queue = queues.get(session) ?? { items: [], running: false, cancelled: false };
    for (const planned of events) {
      // Bounded memory: past either cap an event is refused, and said so, never queued.
      if (stats.queued >= maxBacklog || queue.items.length >= maxBacklogPerSession)
        overflow(planned, session, queue.items.length);
      else {
        // Delivery is in order per session: one behind another waits for it.
        const before = queue.items.at(-1);
        if (before !== undefined)
          observer?.waiting?.(planned.event, { reason: 'in_order', until: null, behind: before.event.id });
        queue.items.push(planned);
        stats.queued += 1;
      }
    }
    if (queue.items.length === 0) return;
    queues.set(session, queue);
    if (!queue.running) void pump(session, queue);
  };

  return {
    stats,
    /** Undefined when a new command may go on at once; else resolves once delivery has capacity (see delivery-flow). */
    waitForCapacity: () => flow.waitForCapacity(),
    /** Journals a session's events as pending and queues them behind any it already has. */
    send(session: string, events: PlannedEvent[]) {
      for (const { event } of events) observer?.planned(event, 'pending');
      enqueue(session, events);
    },
    /** The same event again (same webhook-id, a fresh signature), due now, behind the session's queue. */
    resend(session: string, event: WebhookEvent) {
      observer?.resent(event);
      log.info(`resend: webhook ${event.type} ${event.id} (session ${session})`, {
        event: event.type,
        id: event.id,
        session,
      });
      enqueue(session, [{ event, dueAt: clock.now() }]);
      return PASSED;
    },
    /**
     * Forgets every queued event (a reset): none of them is sent, and the event under way in
     * each session gets no further attempt. How many it let go.
     */
    cancelPending(): number {
      let cancelled = 0;
      for (const queue of queues.values()) {
        queue.cancelled = true;
        cancelled += queue.items.length;
        queue.items.length = 0;
      }
      queues.clear();
      stats.queued = 0;
      waits.wake(); // the waits before a cancelled event's attempts end now, rather than on their timers
      if (cancelled > 0) idle?.();
      return cancelled;
    },
    /**
     * Stops after the queued events are delivered, or after `graceMs`; whatever is left is
     * logged as undelivered, event by event.
     */
    async drain(graceMs: number) {
      if (queues.size > 0) {
        await Promise.race([new Promise<void>((resolve) => (idle = resolve)), waits.sleep(graceMs)]);
      }
      waits.stop();
      for (const [session, queue] of queues) {
        for (const { event } of queue.items) giveUp(event, session, 'was still queued at shutdown');
        queue.items.length = 0;
      }
      queues.clear();
      stats.queued = 0;
      await attempts.close();
    },
  };
}
