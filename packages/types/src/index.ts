// The Call Control API's types, generated from the bundled contract (see
// src/generated/openapi.ts), with names for the ones people import.
import type {
  KnownCommandName,
  KnownHangupCause,
  components,
  operations,
  paths,
  webhooks,
} from './generated/openapi.js';

export type { components, operations, paths, webhooks };

type Schemas = components['schemas'];

/** The `202 Accepted` body of every command. */
export type DeferredOperation = Schemas['DeferredOperation'];
/** Caller-supplied idempotency key: max 128 chars, `^[a-zA-Z0-9._-]+$`. */
export type CommandUid = Schemas['CommandUid'];
export type AnswerRequest = Schemas['AnswerRequest'];
export type HangupRequest = Schemas['HangupRequest'];
export type DisconnectRequest = Schemas['DisconnectRequest'];
/** A Q.850 / FreeSWITCH hangup cause name: the known ones, or any upper-case name. */
export type HangupCause = Schemas['HangupCause'];
/** The known hangup cause names only (those the spec lists with their codes). */
export type { KnownHangupCause };
/** An RFC 9457 problem, the body of every error response. */
export type Problem = Schemas['Problem'];
export type ProblemFieldError = Schemas['ProblemFieldError'];

/** A session command's name: the known ones, or any lower-case name (an open set, ADR 0005). */
export type CommandName = Schemas['CommandName'];
/** The command names this version of the spec knows. */
export type { KnownCommandName };
export type CommandStatus = Schemas['CommandStatus'];
export type CommandError = Schemas['CommandError'];
export type CallDirection = Schemas['CallDirection'];
export type HangupSource = Schemas['HangupSource'];

export type CommandResultEvent = Schemas['CommandResultEvent'];
export type CommandResultData = Schemas['CommandResultData'];
export type CallAnsweredEvent = Schemas['CallAnsweredEvent'];
export type CallAnsweredData = Schemas['CallAnsweredData'];
export type CallHangupEvent = Schemas['CallHangupEvent'];
export type CallHangupData = Schemas['CallHangupData'];

/** The name of every webhook the gateway sends (`command.result`, …). */
export type WebhookEventType = keyof webhooks;
/** Each webhook's body, by name, as the spec's `webhooks` define them. */
export type WebhookEventMap = {
  [Type in WebhookEventType]: webhooks[Type]['post']['requestBody']['content']['application/json'];
};
/** Any webhook body: a union discriminated by `type`. */
export type WebhookEvent = WebhookEventMap[WebhookEventType];

/**
 * The operation IDs of the spec's `paths` (the session commands), as opposed to its webhooks.
 * Derived from `paths`, so a command added to the spec appears here, and code keyed by it
 * (client methods, the mock gateway's state machine) fails to compile until it handles it.
 */
export type CommandOperationId = {
  [Id in keyof operations]: operations[Id] extends PathOperation ? Id : never;
}[keyof operations];
type PathOperation = { [Path in keyof paths]: paths[Path]['post'] }[keyof paths];
