// @call-control/client: a thin typed client for the Call Control API.
export {
  createCallControlClient,
  type CallControlClient,
  type CallControlClientOptions,
  type CallOptions,
  type CommandBody,
  type CommandMethod,
  type CommandResponse,
  type Fetch,
} from './call-control-client.js';
export {
  CallControlNetworkError,
  CallControlRedirectError,
  CallControlResponseError,
  CallControlTimeoutError,
} from './errors.js';
export { MAX_RESPONSE_BYTES } from './response-guard.js';
export { parseRetryAfter } from './retry-after.js';
export { DEFAULT_RETRY_POLICY, type RetryOption, type RetryPolicy } from './retry-policy.js';
export type { OnRetry } from './send-with-retries.js';
export type { DeferredOperation, Problem } from '@call-control/types';
