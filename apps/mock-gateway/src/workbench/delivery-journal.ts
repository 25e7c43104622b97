// The delivery journal (`GET /__mock/deliveries`): every webhook the mock planned, oldest
// first, with its state and each delivery attempt — also when there is no webhook URL (then
// as `not_sent`), so the mock is an inbox a receiver's author can read. Bounded: past `size`
// entries the oldest is forgotten, in O(1), so a load test does not grow the mock.
import type { WebhookEvent } from '@call-control/types';
import { isDelivered } from '../delivery/delivery-attempt.js';
import type { AttemptReport, DeliveryObserver, DeliveryWait } from '../delivery/delivery-reports.js';
import { isoTime } from '../shared/clock.js';
import { createFifo } from '../shared/fifo.js';

export type DeliveryState = 'pending' | 'delivered' | 'undelivered' | 'not_sent';

export interface DeliveryAttempt {
  /** Counted over the event's whole life: a resend's first attempt follows the last one. */
  number: number;
  started_at: string;
  /** The receiver's HTTP status, or what went wrong instead (`timeout`, `ECONNREFUSED`, …). */
  status: number | string;
  duration_ms: number;
  /** Set on the attempts of a copy sent by `--webhook-duplicates`. */
  duplicate?: true;
  /** The Standard Webhooks headers it was sent with (each attempt is signed afresh). */
  request_headers: { 'webhook-id': string; 'webhook-timestamp': string; 'webhook-signature': string };
  /** The start of the receiver's response body (bounded); absent when no response came. */
  response_body_start?: string;
}

/** Why a pending delivery is held back, and when its next attempt is due (see DeliveryWait). */
export interface DeliveryHold {
  reason: DeliveryWait['reason'];
  /** Null when it waits for the event before it (`behind`). */
  next_attempt_at: string | null;
  behind?: string;
}

export interface Delivery {
  /** The event's id, which is also its `webhook-id`. */
  id: string;
  type: WebhookEvent['type'];
  session_uuid: string;
  operation_id: string | null;
  state: DeliveryState;
  attempts: DeliveryAttempt[];
  /** Present while it is pending and held back. */
  held?: DeliveryHold | undefined;
  payload: WebhookEvent;
}

export interface DeliveryFilter {
  session?: string;
  type?: string;
  operation?: string;
}

/** The journal is the delivery observer: the dispatchers tell it what becomes of each event. */
export interface DeliveryJournal extends DeliveryObserver {
  /** How many deliveries it holds now. */
  readonly size: number;
  get(id: string): Delivery | undefined;
  /** Oldest first, each filter applied when given. */
  list(filter?: DeliveryFilter): Delivery[];
  waiting(event: WebhookEvent, wait: DeliveryWait): void;
}

export interface DeliveryJournalOptions {
  /** How many deliveries are kept (the oldest are forgotten first). */
  size: number;
  /** Told of every new entry and every change, with a snapshot of the entry as it is now. */
  publish?: (delivery: Delivery) => void;
}

export function createDeliveryJournal({ size, publish }: DeliveryJournalOptions): DeliveryJournal {
  // Insertion order is age: the first key is the oldest.
  const entries = new Map<string, Delivery>();
  // The ids in the order they came, so the oldest is forgotten in O(1) (see fifo.ts).
  const order = createFifo<string>();
  // A snapshot, so the history of the stream keeps each state as it was (written out, not
  // spread: this runs on every change of every delivery; see ADR 0010).
  const changed = (entry: Delivery) =>
    publish?.({
      id: entry.id,
      type: entry.type,
      session_uuid: entry.session_uuid,
      operation_id: entry.operation_id,
      state: entry.state,
      attempts: entry.attempts.slice(),
      held: entry.held, // undefined (left out of the JSON) unless held back
      payload: entry.payload,
    });

  return {
    get size() {
      return entries.size;
    },
    planned(event: WebhookEvent, state: 'pending' | 'not_sent'): void {
      const entry: Delivery = {
        id: event.id,
        type: event.type,
        session_uuid: event.data.session_uuid,
        operation_id: event.data.operation_id ?? null,
        state,
        attempts: [],
        payload: event,
      };
      entries.set(entry.id, entry);
      order.push(entry.id);
      if (entries.size > size) entries.delete(order.shift()!);
      changed(entry);
    },
    /** A 2xx makes the entry `delivered` (a duplicate's changes nothing). */
    attempt(event: WebhookEvent, report: AttemptReport): void {
      const entry = entries.get(event.id);
      if (entry === undefined) return; // forgotten while it was being delivered
      const { startedAt, status, durationMs, duplicate, requestHeaders } = report;
      const attempt: DeliveryAttempt = {
        number: entry.attempts.length + 1,
        started_at: isoTime(startedAt),
        status,
        duration_ms: Math.round(durationMs * 100) / 100,
        request_headers: {
          'webhook-id': requestHeaders['webhook-id'],
          'webhook-timestamp': requestHeaders['webhook-timestamp'],
          'webhook-signature': requestHeaders['webhook-signature'],
        },
      };
      if (typeof status === 'number') attempt.response_body_start = report.responseStart;
      if (duplicate) attempt.duplicate = true;
      entry.held = undefined;
      entry.attempts.push(attempt);
      if (isDelivered(status) && !duplicate) entry.state = 'delivered';
      changed(entry);
    },
    undelivered(event: WebhookEvent): void {
      const entry = entries.get(event.id);
      if (entry === undefined) return;
      entry.state = 'undelivered';
      entry.held = undefined;
      changed(entry);
    },
    waiting(event: WebhookEvent, { reason, until, behind }: DeliveryWait): void {
      const entry = entries.get(event.id);
      if (entry === undefined) return;
      entry.held = {
        reason,
        next_attempt_at: until === null ? null : isoTime(until),
        ...(behind === undefined ? {} : { behind }),
      };
      changed(entry);
    },
    resent(event: WebhookEvent): void {
      const entry = entries.get(event.id);
      if (entry === undefined) return;
      entry.state = 'pending';
      changed(entry);
    },
    get(id: string): Delivery | undefined {
      return entries.get(id);
    },
    list({ session, type, operation }: DeliveryFilter = {}): Delivery[] {
      const wanted = session?.toLowerCase();
      const found: Delivery[] = [];
      for (const entry of entries.values()) {
        if (wanted !== undefined && entry.session_uuid !== wanted) continue;
        if (type !== undefined && entry.type !== type) continue;
        if (operation !== undefined && entry.operation_id !== operation.toLowerCase()) continue;
        found.push(entry);
      }
      return found;
    },
  };
}
