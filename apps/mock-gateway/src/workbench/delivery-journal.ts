// The delivery journal (`GET /__mock/deliveries`): every webhook the mock planned, oldest
// first, with its state and its delivery attempts — also when there is no webhook URL (then
// as `not_sent`), so the mock is an inbox a receiver's author can read. Bounded: past `size`
// entries the oldest is forgotten, in O(1), so a load test does not grow the mock; and each
// entry keeps its first attempt and its latest KEPT_LATEST_ATTEMPTS (with the count of all),
// so resending one delivery again and again does not grow it either. Read in pages through
// indexes by session, type and operation (paged-journal). Each change is published as what
// changed (the state now, the attempt just made), never as the whole entry.
import type { WebhookEvent } from '@call-control/types';
import { isDelivered } from '../delivery/delivery-attempt.js';
import type { AttemptReport, DeliveryObserver, DeliveryWait } from '../delivery/delivery-reports.js';
import { isoTime } from '../common/clock.js';
import { createPagedJournal, type PagedJournal } from './paged-journal.js';

/** How many of an entry's latest attempts are kept, besides its first. */
export const KEPT_LATEST_ATTEMPTS = 20;

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
  /** The first attempt and the latest KEPT_LATEST_ATTEMPTS, oldest first. */
  attempts: DeliveryAttempt[];
  /** How many attempts were made, kept or not. */
  attempts_total: number;
  /** Present while it is pending and held back. */
  held?: DeliveryHold | undefined;
  payload: WebhookEvent;
}

/** What the stream says when an entry is made or changes: the entry without its attempts, and the attempt just made. */
export interface DeliveryChange extends Omit<Delivery, 'attempts'> {
  /** The attempt this change is, or null (the entry is new, waits, gave up, or was resent). */
  attempt: DeliveryAttempt | null;
}

export interface DeliveryFilter {
  session?: string;
  type?: string;
  operation?: string;
}

/** The fields the journal indexes: a filter by any of them reads only the entries that match; an entry is found by its id. */
export type DeliveryKey = keyof DeliveryFilter | 'id';

/** The journal is the delivery observer: the dispatchers tell it what becomes of each event. */
export interface DeliveryJournal extends DeliveryObserver {
  /** How many deliveries it holds now. */
  readonly size: number;
  get(id: string): Delivery | undefined;
  /** An entry's sequence number (its place in the journal), while the journal holds it. */
  seqOf(id: string): number | undefined;
  /** Oldest first, each filter applied when given. */
  list(filter?: DeliveryFilter): Delivery[];
  /** The store itself, read in pages (see paged-journal). */
  readonly pages: PagedJournal<Delivery, DeliveryKey>;
  /** Forgets every delivery; how many it held. */
  clear(): number;
  waiting(event: WebhookEvent, wait: DeliveryWait): void;
}

export interface DeliveryJournalOptions {
  /** How many deliveries are kept (the oldest are forgotten first). */
  size: number;
  /** Told of every new entry and every change, with what changed. */
  publish?: (change: DeliveryChange) => void;
  /** Told of every new entry and every change, with the entry itself (the waits of `wait_ms` listen). */
  changed?: (delivery: Delivery) => void;
}

/** The attempts of an entry with none yet, shared: most entries of an inbox never get one. */
const NO_ATTEMPTS: readonly DeliveryAttempt[] = Object.freeze([]);

export function createDeliveryJournal({ size, publish, changed: onChange }: DeliveryJournalOptions): DeliveryJournal {
  const pages = createPagedJournal<Delivery, DeliveryKey>({
    size,
    keys: {
      session: (entry) => entry.session_uuid,
      type: (entry) => entry.type,
      operation: (entry) => entry.operation_id,
      id: (entry) => entry.id,
    },
  });
  const seqOf = (id: string) => pages.newestSeqOf('id', id);
  const get = (id: string) => {
    const seq = seqOf(id);
    return seq === undefined ? undefined : pages.get(seq);
  };
  // Written out, not spread: this runs on every change of every delivery (see ADR 0010).
  const changed = (entry: Delivery, attempt: DeliveryAttempt | null = null) => {
    onChange?.(entry);
    publish?.({
      id: entry.id,
      type: entry.type,
      session_uuid: entry.session_uuid,
      operation_id: entry.operation_id,
      state: entry.state,
      attempts_total: entry.attempts_total,
      attempt,
      held: entry.held, // undefined (left out of the JSON) unless held back
      payload: entry.payload,
    });
  };

  return {
    get size() {
      return pages.size;
    },
    pages,
    planned(event: WebhookEvent, state: 'pending' | 'not_sent'): void {
      const entry: Delivery = {
        id: event.id,
        type: event.type,
        session_uuid: event.data.session_uuid,
        operation_id: event.data.operation_id ?? null,
        state,
        attempts: NO_ATTEMPTS as DeliveryAttempt[], // replaced by an array of its own at the first attempt
        attempts_total: 0,
        held: undefined, // set now, so an entry keeps its shape when it is held back (left out of the JSON)
        payload: event,
      };
      pages.append(entry);
      changed(entry);
    },
    /** A 2xx makes the entry `delivered` (a duplicate's changes nothing). */
    attempt(event: WebhookEvent, report: AttemptReport): void {
      const entry = get(event.id);
      if (entry === undefined) return; // forgotten while it was being delivered
      const { startedAt, status, durationMs, duplicate, requestHeaders } = report;
      entry.attempts_total += 1;
      const attempt: DeliveryAttempt = {
        number: entry.attempts_total,
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
      if (entry.attempts === NO_ATTEMPTS) entry.attempts = [];
      entry.attempts.push(attempt);
      // The first attempt stays (when it all began); the one after it goes.
      if (entry.attempts.length > 1 + KEPT_LATEST_ATTEMPTS) entry.attempts.splice(1, 1);
      if (isDelivered(status) && !duplicate) entry.state = 'delivered';
      changed(entry, attempt);
    },
    undelivered(event: WebhookEvent): void {
      const entry = get(event.id);
      if (entry === undefined) return;
      entry.state = 'undelivered';
      entry.held = undefined;
      changed(entry);
    },
    waiting(event: WebhookEvent, { reason, until, behind }: DeliveryWait): void {
      const entry = get(event.id);
      if (entry === undefined) return;
      entry.held = {
        reason,
        next_attempt_at: until === null ? null : isoTime(until),
        ...(behind === undefined ? {} : { behind }),
      };
      changed(entry);
    },
    resent(event: WebhookEvent): void {
      const entry = get(event.id);
      if (entry === undefined) return;
      entry.state = 'pending';
      changed(entry);
    },
    get,
    seqOf,
    list({ session, type, operation }: DeliveryFilter = {}): Delivery[] {
      const filter: DeliveryFilter = {};
      if (session !== undefined) filter.session = session.toLowerCase();
      if (type !== undefined) filter.type = type;
      if (operation !== undefined) filter.operation = operation.toLowerCase();
      return pages.page(filter, 0, Number.POSITIVE_INFINITY).entries;
    },
    clear: () => pages.clear(),
  };
}
