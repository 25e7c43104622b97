import { loadBundledSpec } from '@call-control/spec';
import { expect, it } from 'vitest';
import { readContract } from '../../src/contract.js';
import { commandFlowCases, definedCases } from '../../src/gateway/command-flow-cases.js';

const rules = [
  'accepted',
  'webhooks',
  'webhook-signature',
  'webhook-schema',
  'webhook-id',
  'webhook-timestamp',
  'webhook-correlation',
  'replay',
  'key-reuse',
];

it.each(readContract().commands.map((command) => [command.operationId, command]))(
  '%s has a case per rule of a command on a live call',
  (name, command) => {
    const cases = commandFlowCases(readContract(), command, 1000);
    expect(definedCases(cases).map(({ id }) => id)).toEqual(rules.map((rule) => `gateway.${name}.${rule}`));
    expect(cases.webhooks.title).toContain(
      `${command.triggered.map(({ webhook, maxDelayMs }) => `${webhook} within ${maxDelayMs} ms`).join(', then ')} of the 202 (+ 1000 ms margin)`,
    );
    expect(cases.webhooks.spec).toBe(command.triggeredPointer);
  },
);

it('has no idempotency case for a command without a key, and no reuse case where reuse is not documented', () => {
  const spec = loadBundledSpec();
  delete spec.components.schemas.AnswerRequest.properties.command_uid;
  for (const example of ['AnswerWithCommandUidRequest'])
    delete spec.components.requestBodies.AnswerRequestBody.content['application/json'].examples[example];
  const contract = readContract(spec);
  const answer = commandFlowCases(contract, contract.commands[0]!, 1000);
  expect([answer.replay, answer.keyReuse]).toEqual([undefined, undefined]);
  expect(answer.correlation.title).not.toContain('command_uid');

  const withoutReuse = loadBundledSpec();
  delete withoutReuse.components.responses.UnprocessableContent.content['application/problem+json'].examples
    .IdempotencyKeyReusedProblem;
  const hangup = readContract(withoutReuse).commands[1]!;
  const cases = commandFlowCases(readContract(withoutReuse), hangup, 1000);
  expect(cases.replay).toBeDefined();
  expect(cases.keyReuse).toBeUndefined();
});
