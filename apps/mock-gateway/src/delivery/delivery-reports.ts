// What delivery tells the rest of the mock: each event's fate, as it happens, to an observer
// (the delivery journal is one), and its running counts (`gateway.stats().webhooks`).
import type { WebhookEvent } from '@call-control/types';

/** One attempt, as the dispatcher reports it. */
export interface AttemptReport {
  /** Epoch ms, on the gateway's clock. */
  startedAt: number;
  /** The receiver's HTTP status, or what went wrong instead (`timeout`, `ECONNREFUSED`, …). */
  status: number | string;
  durationMs: number;
  /** Set on the attempts of a copy sent by `--webhook-duplicates`. */
  duplicate?: boolean;
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
