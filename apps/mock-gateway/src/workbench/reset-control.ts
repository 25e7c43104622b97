// `POST /__mock/reset`: the mock as if freshly started, between one test and the next, without
// a restart — every session and its `command_uid` keys, both journals, the stream's history,
// and the webhooks waiting for delivery (cancelled: none is sent later, the one under way gets
// no further attempt) are forgotten, and the answer says how many of each. What stays: the
// options, the webhook secret, the counts of `stats()`, and the ids, which go on (a cursor
// from before the reset selects only what came after it).
import type { IncomingMessage } from 'node:http';
import { readRequestJson } from '../http/json-body.js';
import { jsonResult, type HttpResult } from '../common/http-result.js';
import type { Problems } from '../common/problems.js';

/** What a reset let go, by kind: the answer's body, and the stream's `reset` event. */
export interface ResetSummary {
  sessions: number;
  idempotency_keys: number;
  requests: number;
  deliveries: number;
  pending_webhooks: number;
}

/** Each store a reset empties: it forgets everything and says how much it held. */
export type ResetParts = { [Kind in keyof ResetSummary]: () => number };

// A reset takes no body; `{}` is allowed, as some clients send it with every POST.
const MAX_BODY_BYTES = 1_024;

export function createResetControl({
  parts,
  problems,
  done,
}: {
  parts: ResetParts;
  problems: Problems;
  /** Told after each reset (the stream forgets its history and says so). */
  done: (summary: ResetSummary) => void;
}) {
  /** The body is none, or `{}` (read by the API's own reader); else the problem with it. */
  async function checkBody(req: IncomingMessage, instance: string): Promise<HttpResult | undefined> {
    const body = await readRequestJson(req, MAX_BODY_BYTES, problems, instance);
    if (!body.ok) return body.reason;
    const { value } = body.value;
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0)
      return undefined;
    return problems.of('mock-control-invalid', {
      detail: 'A reset takes no body.',
      instance,
      errors: [{ pointer: '', detail: 'must be absent or {}' }],
    });
  }

  return {
    /** `POST /__mock/reset`. */
    async reset(req: IncomingMessage, instance: string): Promise<HttpResult> {
      const refused = await checkBody(req, instance);
      if (refused !== undefined) return refused;
      // The backlog first: nothing queued may start an attempt while the rest is forgotten.
      const pending_webhooks = parts.pending_webhooks();
      const summary: ResetSummary = {
        sessions: parts.sessions(),
        idempotency_keys: parts.idempotency_keys(),
        requests: parts.requests(),
        deliveries: parts.deliveries(),
        pending_webhooks,
      };
      done(summary);
      return jsonResult(200, { dropped: summary });
    },
  };
}

export type ResetControl = ReturnType<typeof createResetControl>;
