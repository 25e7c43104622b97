// Where planned webhooks go: the one door to delivery, for a command's webhooks, a remote
// hang-up's, a resend, and shutdown's drain. Behind it stands one of two dispatchers, chosen
// here once: the webhook dispatcher, which POSTs each event to the webhook URL, or — without a
// URL — the inbox, which journals each one as `not_sent`. Either way the delivery observer
// (the journal) hears of each event first.
import type { WebhookEvent } from '@call-control/types';
import type { CommandOutbox } from '../commands/command-plan.js';
import type { Outcome } from '../common/outcome.js';
import type { DispatcherStats } from './delivery-reports.js';
import { createInboxDispatcher } from './inbox-dispatcher.js';
import { createWebhookDispatcher, type DispatcherOptions } from './webhook-dispatcher.js';

export interface WebhookOutbox extends CommandOutbox {
  /** The same event again (same webhook-id), behind the session's queue; refused without a webhook URL. */
  resend(session: string, event: WebhookEvent): Outcome<undefined, 'no-webhook-url'>;
  /** Forgets every queued event (a reset): none is sent, no retry follows; how many it let go. */
  cancelPending(): number;
  /** Stops after the queued events are delivered, or after `graceMs`; what is left is logged as undelivered. */
  drain(graceMs: number): Promise<void>;
  readonly stats: DispatcherStats;
}

export type WebhookOutboxOptions = Omit<DispatcherOptions, 'url'> & {
  /** Where webhooks are POSTed; without one the mock is an inbox. */
  url: URL | undefined;
};

export function createWebhookOutbox({ url, ...options }: WebhookOutboxOptions): WebhookOutbox {
  return url === undefined ? createInboxDispatcher(options) : createWebhookDispatcher({ ...options, url });
}
