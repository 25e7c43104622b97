// The control plane's deliveries: read the journal (filtered by session, type or operation)
// and send an event again — same event, same webhook-id, a fresh timestamp and signature —
// as a receiver's author does after fixing a bug that made it fail.
import type { IncomingMessage } from 'node:http';
import type { WebhookEventType } from '@call-control/types';
import { readRequestJson } from '../http/json-body.js';
import type { DeliveryFilter, DeliveryJournal } from './delivery-journal.js';
import { payloadBuilders } from '../commands/webhook-payloads.js';
import { jsonResult, type HttpResult } from '../shared/http-result.js';
import { accept, type Outcome, refuse } from '../shared/outcome.js';
import type { FieldError, Problems } from '../shared/problems.js';
import type { WebhookOutbox } from '../delivery/webhook-outbox.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WEBHOOK_TYPES = Object.keys(payloadBuilders) as WebhookEventType[];
const FILTERS: Record<keyof DeliveryFilter, { rule: (value: string) => boolean; detail: string }> = {
  session: { rule: (value) => UUID.test(value), detail: 'must be a session UUID' },
  type: {
    rule: (value) => (WEBHOOK_TYPES as string[]).includes(value),
    detail: `must be one of ${WEBHOOK_TYPES.join(', ')}`,
  },
  operation: { rule: (value) => UUID.test(value), detail: 'must be an operation_id (a UUID)' },
};

export interface DeliveryControlContext {
  journal: DeliveryJournal;
  outbox: WebhookOutbox;
  problems: Problems;
  /** The API's body limit, which a control body is held to as well. */
  maxBodyBytes: number;
}

export function createDeliveryControl({ journal, outbox, problems, maxBodyBytes }: DeliveryControlContext) {
  /** The filters of the query; refused with what is wrong with them (each parameter named). */
  function filterOf(url: URL): Outcome<DeliveryFilter, FieldError[]> {
    const filter: DeliveryFilter = {};
    const errors: FieldError[] = [];
    for (const name of new Set(url.searchParams.keys())) {
      const values = url.searchParams.getAll(name);
      const known = Object.hasOwn(FILTERS, name) ? FILTERS[name as keyof DeliveryFilter] : undefined;
      if (known === undefined)
        errors.push({ parameter: name, detail: `is not a filter here (use ${Object.keys(FILTERS).join(', ')})` });
      else if (values.length > 1) errors.push({ parameter: name, detail: 'must be given once' });
      else if (!known.rule(values[0]!)) errors.push({ parameter: name, detail: known.detail });
      else filter[name as keyof DeliveryFilter] = values[0]!;
    }
    return errors.length > 0 ? refuse(errors) : accept(filter);
  }

  return {
    /** `GET /__mock/deliveries`: the journal, oldest first. */
    list(url: URL): HttpResult {
      const filter = filterOf(url);
      if (!filter.ok) {
        const detail = 'The journal filters are not valid.';
        return problems.of('mock-control-invalid', { detail, instance: url.pathname, errors: filter.reason });
      }
      return jsonResult(200, { deliveries: journal.list(filter.value) });
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
