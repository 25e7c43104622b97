// One event's delivery: attempt after attempt on the retry schedule (a receiver's Retry-After
// honoured within it), with the same webhook-id and body, until a 2xx comes back or the
// attempts run out; each attempt logged, counted and reported to the observer. An event given
// up on is said so, by name: nothing is dropped silently. Shutdown ends the waits between
// attempts; the delivery then stops without a word (the dispatcher reports what it left).
import type { WebhookEvent } from '@call-control/types';
import type { Clock } from '../common/clock.js';
import type { Log } from '../common/log.js';
import { type DeliveryAttempts, isDelivered } from './delivery-attempt.js';
import type { DeliveryFlow } from './delivery-flow.js';
import type { DeliveryObserver, DispatcherStats } from './delivery-reports.js';
import type { DeliveryWaits } from './delivery-waits.js';
import type { ReceiverHealth } from './receiver-health.js';
import type { RetrySchedule } from './retry-schedule.js';

export interface EventDeliveryOptions {
  attempts: Pick<DeliveryAttempts, 'send'>;
  schedule: RetrySchedule;
  /** Told when each first attempt starts and settles (see delivery-flow). */
  flow: Pick<DeliveryFlow, 'started' | 'settled'>;
  waits: DeliveryWaits;
  /** Counted into: attempts, delivered, undelivered. */
  stats: DispatcherStats;
  log: Log;
  clock: Clock;
  observer: DeliveryObserver | undefined;
  /** Told of every attempt; an attempt it summarises (the receiver cannot be reached) gets no line of its own. */
  health?: Pick<ReceiverHealth, 'attempted'>;
}

const operationOf = (event: WebhookEvent) => (event.data.operation_id ? `, operation ${event.data.operation_id}` : '');

export function createEventDelivery({
  attempts,
  schedule,
  flow,
  waits,
  stats,
  log,
  clock,
  observer,
  health,
}: EventDeliveryOptions) {
  /** Given up on, and said so, event by event: nothing is dropped silently. */
  const giveUp = (event: WebhookEvent, session: string, why: string) => {
    stats.undelivered += 1;
    observer?.undelivered(event);
    log.warn(`undelivered: webhook ${event.type} ${event.id} (session ${session}${operationOf(event)}) ${why}`, {
      event: event.type,
      id: event.id,
      session,
      operation: event.data.operation_id,
    });
  };

  /** One attempt, logged, counted and reported; its status and any Retry-After. */
  const attempt = async (event: WebhookEvent, body: string, session: string, number: number, duplicate: boolean) => {
    const [startedAt, started] = [clock.now(), performance.now()];
    if (number === 1) flow.started();
    const result = await attempts.send(event, body);
    if (number === 1) flow.settled();
    const durationMs = performance.now() - started;
    const { status } = result;
    stats.attempts += 1;
    // Under --quiet a delivered attempt writes no line: its line is not built either.
    if (health?.attempted(status) !== true && (log.verbose || !isDelivered(status)))
      log.delivery({
        event: event.type,
        id: event.id,
        attempt: number,
        status,
        ms: durationMs,
        session,
        ...(duplicate ? { duplicate } : {}),
      });
    observer?.attempt(event, {
      startedAt,
      status,
      durationMs,
      duplicate,
      requestHeaders: result.requestHeaders,
      responseStart: result.responseStart(),
    });
    return result;
  };

  return {
    giveUp,
    /**
     * Resolves true once a 2xx came back. `duplicate`: the copy of an event already delivered.
     * `live`: false once the event was let go (a reset): no further attempt.
     */
    async deliver(event: WebhookEvent, session: string, duplicate = false, live = () => true): Promise<boolean> {
      const body = JSON.stringify(event);
      let retryAfterMs: number | undefined;
      for (let number = 1; number <= schedule.attempts; number++) {
        const waitMs = schedule.waitBefore(number - 1, retryAfterMs);
        // A duplicate's copy is not the event's delivery: it holds nothing back.
        if (number > 1 && waitMs > 0 && !duplicate)
          observer?.waiting?.(event, {
            reason: retryAfterMs === undefined ? 'retry' : 'retry_after',
            until: clock.now() + waitMs,
          });
        await waits.sleep(waitMs);
        if (waits.stopped || !live()) return false;
        const result = await attempt(event, body, session, number, duplicate);
        if (isDelivered(result.status)) {
          stats.delivered += 1;
          return true;
        }
        retryAfterMs = result.retryAfterMs;
      }
      // A copy that never arrived is no loss: the event itself was delivered.
      if (!waits.stopped && !duplicate && live()) giveUp(event, session, 'exhausted its attempts');
      return false;
    },
  };
}
