// Where a command's planned webhooks go: to the dispatcher when the mock has a webhook URL,
// otherwise into the log, each one saying it was not sent (so nothing vanishes silently).
// Either way each one is entered in the delivery journal first: `pending`, or `not_sent`.
import type { Clock } from '../shared/clock.js';
import type { PlannedEvent } from '../commands/command-plan.js';
import type { DeliveryJournal } from '../workbench/delivery-journal.js';
import type { Log } from '../shared/log.js';
import type { WebhookDispatcher } from './webhook-dispatcher.js';

export interface WebhookOutbox {
  /** Queues a session's events behind any it already has. */
  send(session: string, events: PlannedEvent[]): void;
  /** Undefined when a command may go on at once; else resolves when delivery has room for its webhooks. */
  room(): Promise<void> | undefined;
}

export interface WebhookOutboxOptions {
  dispatcher: WebhookDispatcher | undefined;
  log: Log;
  clock: Clock;
  journal?: DeliveryJournal;
}

export function createWebhookOutbox({ dispatcher, log, clock, journal }: WebhookOutboxOptions): WebhookOutbox {
  if (dispatcher !== undefined) {
    return {
      send(session, events) {
        if (journal !== undefined) for (const { event } of events) journal.record(event, 'pending');
        dispatcher.enqueue(session, events);
      },
      room: () => dispatcher.room(),
    };
  }
  return {
    room: () => undefined,
    send(session, events) {
      for (const { event, dueAt } of events) {
        journal?.record(event, 'not_sent');
        if (log.verbose)
          log.info(`webhook ${event.type} ${event.id} (session ${session}) not sent: no webhook URL`, {
            event: event.type,
            id: event.id,
            session,
            due_in_ms: Math.max(0, dueAt - clock.now()),
          });
      }
    },
  };
}
