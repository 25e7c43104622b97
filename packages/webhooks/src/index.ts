// @call-control/webhooks: receive the Call Control API's webhooks safely, with types.
// Runtime-neutral (Web APIs only); the node:http adapter is `@call-control/webhooks/node`.
export { signWebhook, type SignWebhookInput, type WebhookHeaders } from './sign-webhook.js';
export { verifyWebhook, type VerifyWebhookOptions, type WebhookHeadersInput } from './verify-webhook.js';
export {
  WebhookVerificationError,
  type PayloadFailureReason,
  type PayloadViolation,
  type SignatureFailureReason,
  type WebhookVerificationReason,
} from './webhook-verification-error.js';
export {
  createWebhookHandler,
  type WebhookContext,
  type WebhookHandlerOptions,
  type WebhookHandlers,
} from './webhook-handler.js';
export {
  createMemoryDedupeStore,
  type ClaimResult,
  type DedupeStore,
  type MemoryDedupeStore,
  type MemoryDedupeStoreOptions,
} from './dedupe-store.js';
export {
  CommandRejectedError,
  OperationTimeoutError,
  createOperationTracker,
  type OperationTracker,
  type OperationTrackerOptions,
  type Trackable,
} from './operation-tracker.js';
export {
  DEFAULT_TOLERANCE_SECONDS,
  PROBLEM_TYPE_BASE,
  WEBHOOK_RESPONSE_TIMEOUT_MS,
  WEBHOOK_RETRY_AFTER_STATUSES,
} from './generated/validators.js';
export type { WebhookEvent, WebhookEventMap, WebhookEventType } from '@call-control/types';
