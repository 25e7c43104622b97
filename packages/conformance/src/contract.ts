// What the kit reads from the contract, once: the gateway's limits, the webhooks (headers,
// schema, examples, open sets) and the commands (route, credentials, bodies, documented answers,
// triggered webhooks). Every case is built from this and from nothing written down a second
// time, so a new webhook or command in the spec gets its cases without a change here.
import { loadBundledSpec } from '@call-control/spec';
import { createSpecValidator, type ValidateFunction } from '@call-control/spec/validator';
import { readCommands, type ContractCommand } from './contract-commands.js';
import { readWebhooks, type ContractWebhook } from './contract-webhooks.js';
import { at, pointerTo, type Json } from './spec-document.js';

export type { ContractCommand, ContractResponse, TriggeredWebhook } from './contract-commands.js';
export type { ContractWebhook, OpenSetField, WebhookExample } from './contract-webhooks.js';

/** `x-gateway-limits`, by the names the kit uses. */
export interface GatewayLimits {
  maxBodyBytes: number;
  webhookResponseTimeoutMs: number;
  webhookRetryScheduleS: readonly number[];
  webhookRetryAfterStatuses: readonly number[];
  webhookTimestampToleranceS: number;
}

/** A named problem example of the spec: what a gateway must answer for that problem. */
export interface ProblemExample {
  name: string;
  pointer: string;
  status: number;
  type: string;
  title: string;
}

export interface Contract {
  /** The bundled spec the cases come from. */
  spec: Json;
  version: string;
  limits: GatewayLimits;
  webhooks: ContractWebhook[];
  commands: ContractCommand[];
  /** The spec's rule for a session UUID (`SessionUuid`'s pattern). */
  sessionUuid: RegExp;
  /** A named example under `#/components/examples` that is a problem. */
  problem(name: string): ProblemExample;
  /** The compiled validator of the schema at a pointer (JSON Schema 2020-12, the spec's own). */
  validatorFor(pointer: string): ValidateFunction;
}

export const LIMITS_POINTER = '#/x-gateway-limits';

function readLimits(spec: Json): GatewayLimits {
  const limits = at(spec, LIMITS_POINTER);
  const number = (key: string): number => {
    const value = limits[key];
    if (typeof value !== 'number') throw new Error(`the contract has no number at ${LIMITS_POINTER}/${key}`);
    return value;
  };
  const list = (key: string): number[] => {
    const value = limits[key];
    if (!Array.isArray(value)) throw new Error(`the contract has no list at ${LIMITS_POINTER}/${key}`);
    return value as number[];
  };
  return {
    maxBodyBytes: number('max_body_bytes'),
    webhookResponseTimeoutMs: number('webhook_response_timeout_ms'),
    webhookRetryScheduleS: list('webhook_retry_schedule_s'),
    webhookRetryAfterStatuses: list('webhook_retry_after_statuses'),
    webhookTimestampToleranceS: number('webhook_timestamp_tolerance_s'),
  };
}

/** The contract as the kit reads it; `spec` defaults to `@call-control/spec`'s bundle. */
export function readContract(spec: Json = loadBundledSpec()): Contract {
  const { validatorFor } = createSpecValidator(spec);
  const problem = (name: string): ProblemExample => {
    const pointer = pointerTo('components', 'examples', name);
    const value = at(spec, `${pointer}/value`);
    if (typeof value.status !== 'number' || typeof value.type !== 'string' || typeof value.title !== 'string')
      throw new Error(`${pointer} is not a problem example (type, title, status)`);
    return { name, pointer, status: value.status, type: value.type, title: value.title };
  };
  return {
    spec,
    version: String(at(spec, '#/info').version),
    limits: readLimits(spec),
    webhooks: readWebhooks(spec),
    commands: readCommands(spec),
    sessionUuid: new RegExp(String(at(spec, '#/components/schemas/SessionUuid').pattern)),
    problem,
    validatorFor,
  };
}
