// What delivery tells the rest of the mock: each event's fate, as it happens, to an observer
// (the delivery journal is one), and its running counts (`gateway.stats().webhooks`).
import type { WebhookEvent } from '@call-control/types';
import type { WebhookHeaders } from '@call-control/webhooks';

/** One attempt, as the dispatcher reports it. */
export interface AttemptReport {
  /** Epoch ms, on the gateway's clock. */
  startedAt: number;
  /** The receiver's HTTP status, or what went wrong instead (`timeout`, `ECONNREFUSED`, …). */
  status: number | string;
  durationMs: number;
  /** Set on the attempts of a copy sent by `--webhook-duplicates`. */
  duplicate?: boolean;
  /** The signature headers it was sent with. */
  requestHeaders: WebhookHeaders;
  /** The start of the receiver's response body ('' when none came, or no response). */
  responseStart: string;
}

/**
 * Why an event that will be sent is not being sent now: its next attempt waits on the retry
 * schedule (`retry`) or on the receiver's Retry-After (`retry_after`), it is not due yet
 * (`due`: the spec's delay after its cause), or it waits for the session's event before it
 * (`in_order`: delivery is in order per session).
 */
export interface DeliveryWait {
  reason: 'retry' | 'retry_after' | 'due' | 'in_order';
  /** Epoch ms of its next attempt; null when that depends on the event before it. */
  until: number | null;
  /** `in_order`: the webhook-id of the event it waits for. */
  behind?: string;
}

/** Told of every event planned, sent again, attempted or given up. */
export interface DeliveryObserver {
  /** A planned event: `pending` when it will be sent, `not_sent` when there is nowhere to send it. */
  planned(event: WebhookEvent, state: 'pending' | 'not_sent'): void;
  /** An event is being sent again (a resend): pending until that run ends. */
  resent(event: WebhookEvent): void;
  attempt(event: WebhookEvent, report: AttemptReport): void;
  /** Its attempts ran out, the backlog was full, or shutdown came first. */
  undelivered(event: WebhookEvent): void;
  /** It is held back: why, and until when. The next attempt (or its end) ends the wait. */
  waiting?(event: WebhookEvent, wait: DeliveryWait): void;
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
