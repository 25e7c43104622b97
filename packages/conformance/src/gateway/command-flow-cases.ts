// The cases of one command on a live call, as definitions: its 202, the webhooks it triggers
// (arrival and order, signature, schema, id, timestamp, correlation), and its idempotency key
// (a replay, and the key reused with another body).
import type { Contract, ContractCommand } from '../contract.js';
import type { CaseDefinition } from '../report.js';
import { introductionSection } from '../spec-ref.js';
import { commandBodies } from './command-bodies.js';
import { documentedProblem } from './problem-answer.js';

export const KEY_REUSED_PROBLEM = 'IdempotencyKeyReusedProblem';

export interface CommandFlowCases {
  accepted: CaseDefinition;
  webhooks: CaseDefinition;
  signature: CaseDefinition;
  schema: CaseDefinition;
  id: CaseDefinition;
  timestamp: CaseDefinition;
  correlation: CaseDefinition;
  replay: CaseDefinition | undefined;
  keyReuse: CaseDefinition | undefined;
}

type Id = (rule: string) => string;

/** The rules each of the command's webhooks is held to, one case each. */
function deliveryRuleCases(
  contract: Contract,
  id: Id,
): Pick<CommandFlowCases, 'signature' | 'schema' | 'id' | 'timestamp'> {
  const header = (parameter: string) =>
    contract.webhooks[0]!.headers.find((entry) => entry.name === parameter)!.pointer;
  return {
    signature: {
      id: id('webhook-signature'),
      title: 'each of its webhooks carries a v1 signature of its raw body, made with the webhook secret',
      why: 'receivers refuse (and the gateway retries for hours) every delivery whose signature does not verify',
      spec: header('webhook-signature'),
    },
    schema: {
      id: id('webhook-schema'),
      title: 'each of its webhooks has the headers and the body its webhook definition gives',
      why: 'receivers validate payloads against these schemas; one that breaks them is refused',
      spec: '#/webhooks',
    },
    id: {
      id: id('webhook-id'),
      title: 'the body’s id of each of its webhooks equals its webhook-id header',
      why: 'receivers deduplicate on either; when they differ, a retry is handled twice or a new event is dropped',
      spec: header('webhook-id'),
    },
    timestamp: {
      id: id('webhook-timestamp'),
      title: `each of its webhooks is signed with a webhook-timestamp within ${contract.limits.webhookTimestampToleranceS} s of the receiver's clock`,
      why: 'receivers refuse a timestamp outside the tolerance, so such a delivery is never accepted',
      spec: header('webhook-timestamp'),
    },
  };
}

/** The idempotency key's cases, when the command takes a key (and documents its reuse). */
function idempotencyCases(
  contract: Contract,
  command: ContractCommand,
  id: Id,
): Pick<CommandFlowCases, 'replay' | 'keyReuse'> {
  if (!commandBodies(contract, command).keyed) return { replay: undefined, keyReuse: undefined };
  return {
    replay: {
      id: id('replay'),
      title:
        'the same command_uid and body again replays the stored 202: same operation_id, Idempotent-Replayed: true, no second set of webhooks',
      why: 'clients retry after a timeout with the same key; a gateway that runs the command again hangs up or answers twice',
      spec: introductionSection('Idempotency'),
    },
    keyReuse:
      documentedProblem(contract, command, KEY_REUSED_PROBLEM) === undefined
        ? undefined
        : {
            id: id('key-reuse'),
            title: 'the same command_uid with another body is refused with 422 idempotency-key-reused',
            why: 'a reused key with another request is a client bug; running it, or replaying the first answer, hides it',
            spec: contract.problem(KEY_REUSED_PROBLEM).pointer,
          },
  };
}

export function commandFlowCases(contract: Contract, command: ContractCommand, marginMs: number): CommandFlowCases {
  const name = command.operationId;
  const id: Id = (rule) => `gateway.${name}.${rule}`;
  const success = command.responses.find(({ status }) => status.startsWith('2'));
  const order = command.triggered
    .map(({ webhook, maxDelayMs }) => `${webhook} within ${maxDelayMs} ms`)
    .join(', then ');
  const { replay, keyReuse } = idempotencyCases(contract, command, id);
  return {
    accepted: {
      id: id('accepted'),
      title: `${name} on a live call is answered ${success?.status ?? '2xx'} with the deferred-operation envelope its schema describes, timeout_ms ${command.timeoutMs}`,
      why: 'clients read operation_id from this answer to match the command.result that follows; an envelope off its schema breaks every typed client',
      spec: success?.pointer ?? command.pointer,
    },
    webhooks: {
      id: id('webhooks'),
      title: `its webhooks arrive in the contract's order — ${order} of the 202 (+ ${marginMs} ms margin) — and nothing else`,
      why: 'receivers act on these events in this order; a missing, late or reordered one leaves a call in the wrong state',
      spec: command.triggeredPointer,
    },
    ...deliveryRuleCases(contract, id),
    correlation: {
      id: id('webhook-correlation'),
      title: `its webhooks name its call, its 202's operation_id${replay === undefined ? '' : ', its command_uid'} and the command ${name}`,
      why: 'receivers match results to commands by these values; a wrong one settles the wrong command or none',
      spec: introductionSection('Deferred results'),
    },
    replay,
    keyReuse,
  };
}

export const definedCases = (cases: CommandFlowCases): CaseDefinition[] =>
  Object.values(cases).filter((definition): definition is CaseDefinition => definition !== undefined);
