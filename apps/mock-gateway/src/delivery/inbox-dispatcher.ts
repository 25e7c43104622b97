// The dispatcher of a mock without a webhook URL: the mock is an inbox. Each planned event is
// journaled as `not_sent` (its payload there to read) and logged as not sent, so nothing
// vanishes silently; nothing is queued, no command ever waits, and a resend is refused — there
// is nowhere to send it. It stands where the webhook dispatcher would, so nothing downstream
// asks whether there is a webhook URL.
import type { WebhookEvent } from '@call-control/types';
import type { PlannedEvent } from '../commands/command-plan.js';
import { type Clock, systemClock } from '../common/clock.js';
import type { Log } from '../common/log.js';
import { refuse } from '../common/outcome.js';
import type { DeliveryObserver, DispatcherStats } from './delivery-reports.js';

export interface InboxDispatcherOptions {
  log: Log;
  clock?: Clock;
  observer?: DeliveryObserver;
}

/** Nothing is sent, so nothing is counted. */
const NO_DELIVERIES: DispatcherStats = Object.freeze({
  delivered: 0,
  undelivered: 0,
  overflowed: 0,
  attempts: 0,
  queued: 0,
});

export function createInboxDispatcher({ log, clock = systemClock, observer }: InboxDispatcherOptions) {
  return {
    stats: NO_DELIVERIES,
    waitForCapacity: () => undefined,
    send(session: string, events: PlannedEvent[]) {
      for (const { event, dueAt } of events) {
        observer?.planned(event, 'not_sent');
        if (log.verbose)
          log.info(`webhook ${event.type} ${event.id} (session ${session}) not sent: no webhook URL`, {
            event: event.type,
            id: event.id,
            session,
            due_in_ms: Math.max(0, dueAt - clock.now()),
          });
      }
    },
    resend: (_session: string, _event: WebhookEvent) => refuse('no-webhook-url' as const),
    drain: async (_graceMs: number) => {},
    /** Nothing is ever queued. */
    cancelPending: () => 0,
  };
}
