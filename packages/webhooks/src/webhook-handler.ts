// A web-standard webhook endpoint: `(Request) => Promise<Response>`, usable as is in any
// runtime with the Fetch API, and from node:http through `@call-control/webhooks/node`.
import type { CommandResultEvent, WebhookEvent, WebhookEventMap, WebhookEventType } from '@call-control/types';
import type { DedupeStore } from './dedupe-store.js';
import type { OperationTracker } from './operation-tracker.js';
import { problemResponse as problem } from './problem-response.js';
import { verifyWebhook } from './verify-webhook.js';
import { signersFor } from './webhook-secret.js';
import { WebhookVerificationError } from './webhook-verification-error.js';

export interface WebhookContext {
  /** The delivery's `webhook-id` (equal to the event's `id`). */
  webhookId: string;
  /** The original request, for anything else a handler needs. */
  request: Request;
}

/** One handler per webhook of the spec, each typed by its event. */
export type WebhookHandlers = {
  [Type in WebhookEventType]: (event: WebhookEventMap[Type], context: WebhookContext) => void | Promise<void>;
};

export interface WebhookHandlerOptions {
  /** `whsec_…`, or several during a secret rotation. */
  secret: string | readonly string[];
  /** A handler for every event type (adding a webhook to the spec makes this fail to compile). */
  on: WebhookHandlers;
  /** Runs each event's handler once, however often it is delivered. */
  dedupe?: DedupeStore;
  /** Fed with every `command.result`, so `tracker.track(…)` resolves. */
  tracker?: Pick<OperationTracker, 'settle'>;
  /** How far `webhook-timestamp` may be from now; default the spec's `webhook_timestamp_tolerance_s`. */
  toleranceSeconds?: number;
  /**
   * Told of every error a handler throws (the `500` does not carry it: its message may hold
   * anything, and the sender is not the one to read it). Default: `console.error`.
   */
  onError?: (error: unknown, context: { webhookId: string; type: WebhookEventType }) => void;
}

const logToConsole: NonNullable<WebhookHandlerOptions['onError']> = (error, { webhookId, type }) =>
  console.error(`webhook handler for ${type} (${webhookId}) failed:`, error);

/**
 * The endpoint. Throws a `TypeError` at once when `secret` is empty or not a `whsec_` secret:
 * otherwise every delivery would fail.
 */
export function createWebhookHandler(options: WebhookHandlerOptions): (request: Request) => Promise<Response> {
  const { secret, on, dedupe, tracker, toleranceSeconds, onError = logToConsole } = options;
  signersFor(secret, 'createWebhookHandler');

  return async (request) => {
    if (request.method !== 'POST') {
      return new Response(null, { status: 405, headers: { allow: 'POST' } });
    }
    const body = new Uint8Array(await request.arrayBuffer());
    let event: WebhookEvent;
    try {
      event = verifyWebhook(body, request.headers, secret, toleranceSeconds === undefined ? {} : { toleranceSeconds });
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      // Authentic, but of an event type this package was built without: acknowledge and ignore
      // it, or the gateway would retry it for nothing (ADR 0005).
      if (error.reason === 'unknown_event_type') return new Response(null, { status: 204 });
      if (error.isSignatureFailure) {
        return problem(401, 'webhook-signature-invalid', 'Webhook signature invalid', error.message, {
          reason: error.reason,
        });
      }
      return problem(400, 'webhook-payload-invalid', 'Webhook payload invalid', error.message, {
        reason: error.reason,
        errors: error.violations,
      });
    }

    const webhookId = event.id;
    const claim = dedupe === undefined ? 'claimed' : await dedupe.claim(webhookId);
    if (claim === 'duplicate') return new Response(null, { status: 204 });
    if (claim === 'in-flight') {
      // The first delivery is still being handled; if it fails, this retry must not be lost.
      return problem(409, 'webhook-in-flight', 'Webhook in flight', `event ${webhookId} is being handled; retry later`);
    }

    try {
      const handler = on[event.type] as (event: unknown, context: WebhookContext) => void | Promise<void>;
      await handler(event, { webhookId, request });
    } catch (error) {
      // The gateway retries a non-2xx, so the event is not lost: forget the claim.
      await dedupe?.release(webhookId);
      onError(error, { webhookId, type: event.type });
      return problem(
        500,
        'webhook-handler-failed',
        'Webhook handler failed',
        `the ${event.type} handler failed; the receiver's log has the error`,
      );
    }
    await dedupe?.complete(webhookId);
    if (event.type === 'command.result') tracker?.settle(event as CommandResultEvent);
    return new Response(null, { status: 204 });
  };
}
