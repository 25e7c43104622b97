// A command's flow against gateways that go wrong in a known way (the mock gateway, which goes
// right, is held to every case in test/e2e): one that refuses the command, and one that accepts
// it and then sends nothing.
import { afterEach, expect, it } from 'vitest';
import { commandFlowGroup } from '../../src/gateway/command-flow.js';
import { startFakeGateway } from '../support/fake-gateway.js';
import { gatewayContext } from '../support/gateway-context.js';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of cleanup) await close();
  cleanup = [];
});

async function run(options: Parameters<typeof startFakeGateway>[0], sessions: string[] = []) {
  const gateway = await startFakeGateway(options);
  const { context, close } = await gatewayContext(gateway.url, sessions);
  cleanup.push(gateway.close, close);
  const answer = context.contract.commands[0]!;
  const results = await commandFlowGroup(context, answer).run(context);
  return {
    outcomes: Object.fromEntries(
      results.map(({ id, outcome, detail }) => [id.split('.').pop()!, `${outcome}: ${detail}`]),
    ) as Record<string, string>,
    gateway,
    context,
  };
}

it('skips every case, saying why, without a live call', async () => {
  const { outcomes } = await run({});
  expect(Object.values(outcomes).every((line) => line.startsWith('skipped: needs a live call'))).toBe(true);
  expect(Object.keys(outcomes)).toHaveLength(9);
});

it('fails the 202 of a command refused, and skips what follows from it', async () => {
  const { outcomes } = await run({ commandStatus: 500, controlPlane: true });
  expect(outcomes.accepted).toMatch(
    /^failed: sent answer \{"command_uid":"conformance-[0-9a-f]{16}"\} on a live call → 500 .*: status 500, not 202\./,
  );
  expect(outcomes.webhooks).toBe('skipped: the command was not accepted (see gateway.answer.accepted)');
  expect(outcomes['key-reuse']).toBe('skipped: the command was not accepted (see gateway.answer.accepted)');
});

it('fails a gateway that accepts and then sends nothing, runs the command again and takes a reused key', async () => {
  const { outcomes, gateway } = await run({}, ['aaaaaaaa-1111-4111-8111-111111111111']);
  expect(outcomes.accepted).toMatch(/^passed: /);
  expect(outcomes.webhooks).toBe(
    'failed: received nothing: no call.answered (1.) within 100 + 100 ms; no command.result (2.) within 100 + 100 ms. Why it matters: receivers act on these events in this order; a missing, late or reordered one leaves a call in the wrong state',
  );
  expect(outcomes['webhook-signature']).toBe('skipped: no webhook arrived to check');
  expect(outcomes.replay).toMatch(
    /^failed: sent the same command_uid and body again → 202 .*: Idempotent-Replayed: \(absent\), not true\./,
  );
  expect(outcomes['key-reuse']).toMatch(
    /^failed: sent hangup \{"cause":"USER_BUSY","command_uid":"conformance-[0-9a-f]+"\} → 202 \(application\/json\): status 202, not 422\./,
  );
  // The control plane's probe, then everything to the given call, at the base URL and nowhere else.
  const call = '/api/v1/sessions/aaaaaaaa-1111-4111-8111-111111111111/commands';
  expect(gateway.seen.map(({ path }) => path)).toEqual([
    '/__mock/sessions',
    `${call}/answer`,
    `${call}/answer`,
    `${call}/hangup`,
  ]);
});
