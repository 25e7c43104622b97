// The control plane's deliveries: read the journal (filtered by session, type, operation or
// state, in pages, waiting for an entry when asked) and send an event again — same event, same webhook-id, a fresh timestamp and signature —
// as a receiver's author does after fixing a bug that made it fail.
import type { IncomingMessage } from 'node:http';
import type { WebhookEventType } from '@call-control/types';
import { readRequestJson } from '../http/json-body.js';
import type { Delivery, DeliveryJournal, DeliveryKey, DeliveryState } from './delivery-journal.js';
import {
  canWait,
  type JournalSource,
  refuseWait,
  type ParameterRule,
  readJournalQuery,
  readPage,
} from './journal-query.js';
import { type JournalWaits, whenGone } from './journal-waits.js';
import { payloadBuilders } from '../commands/webhook-payloads.js';
import { jsonResult, type HttpResult } from '../common/http-result.js';
import type { Problems } from '../common/problems.js';
import type { WebhookOutbox } from '../delivery/webhook-outbox.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WEBHOOK_TYPES = Object.keys(payloadBuilders) as WebhookEventType[];
const STATES: readonly DeliveryState[] = ['pending', 'delivered', 'undelivered', 'not_sent'];
const lowerCase = (value: string) => value.toLowerCase();
/** The journal's filters: `session`, `type` and `operation` are indexed; `state` narrows what they select. */
const FILTERS: Record<string, ParameterRule> = {
  session: { holds: (value) => UUID.test(value), detail: 'must be a session UUID', normal: lowerCase },
  type: {
    holds: (value) => (WEBHOOK_TYPES as string[]).includes(value),
    detail: `must be one of ${WEBHOOK_TYPES.join(', ')}`,
  },
  operation: { holds: (value) => UUID.test(value), detail: 'must be an operation_id (a UUID)', normal: lowerCase },
  state: {
    holds: (value) => (STATES as string[]).includes(value),
    detail: `must be one of ${STATES.join(', ')}`,
  },
};

export interface DeliveryControlContext {
  journal: DeliveryJournal;
  waits: JournalWaits<Delivery>;
  outbox: WebhookOutbox;
  problems: Problems;
  /** The API's body limit, which a control body is held to as well. */
  maxBodyBytes: number;
}

export function createDeliveryControl({ journal, waits, outbox, problems, maxBodyBytes }: DeliveryControlContext) {
  const source: JournalSource<Delivery, DeliveryKey> = {
    journal: journal.pages,
    waits,
    // A delivery's state changes, so no index holds it: it narrows what the others select.
    refine: ({ state }) => (state === undefined ? undefined : (entry) => entry.state === state),
    seqOf: (entry) => journal.seqOf(entry.id) ?? 0,
    idOf: (entry) => entry.id,
    toJson: (entry) => entry,
  };
  const cursor = {
    seqOf: (id: string) => journal.seqOf(id),
    detail:
      'must be the id of a delivery the journal holds (the last one read; older ones are forgotten by --journal-size and by a reset)',
  };

  return {
    /** `GET /__mock/deliveries`: a page of the journal, oldest first; with `wait_ms`, held until one matches. */
    async list(req: IncomingMessage, url: URL): Promise<HttpResult> {
      const query = readJournalQuery(url, FILTERS, cursor);
      if (!query.ok) {
        const detail = 'The journal query is not valid.';
        return problems.of('mock-control-invalid', { detail, instance: url.pathname, errors: query.reason });
      }
      if (!canWait(source, query.value)) return refuseWait(problems, url.pathname);
      return jsonResult(200, await readPage(source, query.value, url, 'deliveries', whenGone(req)));
    },

    /** `POST /__mock/deliveries/{id}/resend`: the same event, delivered again. It takes no body; one sent must be JSON. */
    async resend(req: IncomingMessage, id: string, instance: string): Promise<HttpResult> {
      const body = await readRequestJson(req, maxBodyBytes, problems, instance);
      if (!body.ok) return body.reason;
      const entry = journal.get(id);
      if (entry === undefined) {
        return problems.status(404, {
          detail: `The journal has no delivery ${id}: it never existed, or older ones pushed it out (--journal-size).`,
          instance,
        });
      }
      const resent = outbox.resend(entry.session_uuid, entry.payload);
      if (!resent.ok) {
        return problems.of('mock-no-webhook-url', {
          detail:
            'The mock was started without --webhook-url, so there is nowhere to send it; its payload is in the journal.',
          instance,
        });
      }
      return jsonResult(202, entry);
    },
  };
}

export type DeliveryControl = ReturnType<typeof createDeliveryControl>;
