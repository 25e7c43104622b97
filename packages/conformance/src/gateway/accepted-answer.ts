// A command's `202` judged by the contract: the documented status, media type and envelope
// schema, the `timeout_ms` of `x-webhooks-triggered`, and the replay header absent on a first
// request and `true` on a replay.
import type { Contract, ContractCommand, ContractResponse } from '../contract.js';
import type { SendResult } from '../http-send.js';
import { at, type Json } from '../spec-document.js';

export interface AcceptedAnswer {
  /** What is wrong with it, if anything. */
  problem: string | undefined;
  operationId: string | undefined;
}

/** The command's documented success. */
export function successOf(command: ContractCommand): ContractResponse {
  const success = command.responses.find(({ status }) => status.startsWith('2'));
  if (success === undefined) throw new Error(`${command.pointer} documents no success`);
  return success;
}

/** The header the success declares for a replay (`Idempotent-Replayed`) and the one value its schema allows. */
export function replayHeader(
  contract: Contract,
  command: ContractCommand,
): { name: string; value: string } | undefined {
  const success = successOf(command);
  const name = success.headers[0];
  if (name === undefined) return undefined;
  const schema = at(contract.spec, `${success.pointer}/headers/${name}`).schema as Json | undefined;
  const value = schema?.const ?? schema?.enum?.[0];
  return typeof value === 'string' ? { name, value } : undefined;
}

export const summarize = (result: SendResult) =>
  result.ok ? `${result.status} ${result.body.slice(0, 160)}` : `no answer (${result.reason})`;

export function judgeAccepted(
  contract: Contract,
  command: ContractCommand,
  result: SendResult,
  replay: boolean,
): AcceptedAnswer {
  const success = successOf(command);
  const fail = (problem: string, operationId?: string) => ({ problem, operationId });
  if (!result.ok) return fail(`no answer (${result.reason})`);
  if (String(result.status) !== success.status) return fail(`status ${result.status}, not ${success.status}`);
  let body: Json;
  try {
    body = JSON.parse(result.body) as Json;
  } catch {
    return fail('a body that is not JSON');
  }
  const operationId = typeof body.operation_id === 'string' ? body.operation_id : undefined;
  const mediaType = (result.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (success.mediaType !== undefined && mediaType !== success.mediaType)
    return fail(`Content-Type ${mediaType || '(none)'}, not ${success.mediaType}`, operationId);
  if (success.schemaPointer !== undefined) {
    const validate = contract.validatorFor(success.schemaPointer);
    if (!validate(body))
      return fail(
        `an envelope its schema refuses: ${(validate.errors ?? []).map((error) => `${error.instancePath || '(root)'} ${error.message}`).join('; ')}`,
        operationId,
      );
  }
  if (body.timeout_ms !== command.timeoutMs)
    return fail(`timeout_ms ${JSON.stringify(body.timeout_ms)}, not ${command.timeoutMs}`, operationId);
  const header = replayHeader(contract, command);
  if (header !== undefined) {
    const value = result.headers.get(header.name);
    if (replay && value !== header.value)
      return fail(`${header.name}: ${value ?? '(absent)'}, not ${header.value}`, operationId);
    if (!replay && value !== null) return fail(`${header.name}: ${value} on a first request`, operationId);
  }
  return { problem: undefined, operationId };
}
