// Cases come from the contract, not from code: the contract with a fourth command (`hold`) and a
// fourth webhook (`call.held`) added — as the spec files would add them — gets their cases, and
// nothing in the kit changes.
import { loadBundledSpec } from '@call-control/spec';
import { expect, it } from 'vitest';
import { readContract } from '../../src/contract.js';
import { gatewayCases } from '../../src/gateway/check-gateway.js';
import { acceptedDeliveryCases } from '../../src/receiver/accepted-deliveries.js';
import type { ReceiverContext } from '../../src/receiver/receiver-case.js';

function withHold() {
  const spec = loadBundledSpec();
  const disconnect = '/api/v1/sessions/{uuid}/commands/disconnect';
  const hold = structuredClone(spec.paths[disconnect]);
  hold.post.operationId = 'hold';
  hold.post['x-webhooks-triggered'] = {
    timeout_ms: 2000,
    webhooks: [
      {
        webhook: 'command.result',
        trigger: 'dispatch',
        max_delay_ms: 1000,
        mock_delay_ms: 0,
        description: 'Immediate.',
      },
      {
        webhook: 'call.held',
        trigger: 'execute-complete',
        max_delay_ms: 2000,
        mock_delay_ms: 20,
        description: 'Held.',
      },
    ],
  };
  spec.paths['/api/v1/sessions/{uuid}/commands/hold'] = hold;
  spec.components.schemas.CommandName['x-extensible-enum'].push('hold');
  spec.webhooks['call.held'] = structuredClone(spec.webhooks['call.answered']);
  spec.webhooks['call.held'].post.operationId = 'callHeld';
  spec.webhooks['call.held'].post.requestBody.content['application/json'].examples = {
    CallHeld: { value: { ...spec.components.examples.CallAnswered.value, type: 'call.held' } },
  };
  return spec;
}

it('gives a new command every command case, and a new webhook its deliveries', () => {
  const before = gatewayCases(readContract()).map(({ id }) => id);
  const contract = readContract(withHold());
  const after = gatewayCases(contract).map(({ id }) => id);
  const added = after.filter((id) => !before.includes(id));
  expect(added).toEqual(
    before.filter((id) => id.startsWith('gateway.disconnect.')).map((id) => id.replace('disconnect', 'hold')),
  );
  const hold = contract.commands.find(({ operationId }) => operationId === 'hold')!;
  expect(hold.triggered.map(({ webhook }) => webhook)).toEqual(['command.result', 'call.held']);

  const webhook = contract.webhooks[0]!;
  const context: ReceiverContext = {
    contract,
    secret: `whsec_${Buffer.from('derivation-test-secret-012345678').toString('base64')}`,
    base: { webhook, example: webhook.examples[0]! },
  };
  const everyExample = acceptedDeliveryCases(contract).find(({ id }) => id === 'receiver.every-example')!;
  expect(everyExample.deliveries(context).map(({ label }) => label)).toContain('call.held CallHeld');
  const unknownCommand = acceptedDeliveryCases(contract).find(({ id }) => id === 'receiver.unknown-command')!;
  expect(JSON.parse(unknownCommand.deliveries(context)[0]!.body).data.command).not.toBe('hold');
});
