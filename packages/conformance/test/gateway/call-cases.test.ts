// The call cases on a stand-in gateway with a control plane and the checker's real listener:
// the test plays the gateway's webhooks itself, agreeing or contradicting.
import { loadBundledSpec } from '@call-control/spec';
import { signWebhook } from '@call-control/webhooks';
import { afterEach, expect, it } from 'vitest';
import { CONSISTENCY_CASE, judgeConsistency, raceGroup } from '../../src/gateway/call-cases.js';
import { startFakeGateway } from '../support/fake-gateway.js';
import { gatewayContext, SECRET } from '../support/gateway-context.js';

const { examples } = loadBundledSpec().components;
let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of cleanup) await close();
  cleanup = [];
});

async function setUp(options: Parameters<typeof startFakeGateway>[0]) {
  const gateway = await startFakeGateway(options);
  const { context, listener, close } = await gatewayContext(gateway.url);
  cleanup.push(gateway.close, close);
  const deliver = async (session: string, event: ReturnType<typeof loadBundledSpec>) => {
    const body = JSON.stringify({ ...event, data: { ...event.data, session_uuid: session } });
    await fetch(listener.url, { method: 'POST', headers: signWebhook({ id: event.id, body, secret: SECRET }), body });
  };
  return { gateway, context, deliver };
}

it('passes the calls the run drove when their webhooks agree, fails them when they contradict', async () => {
  const { context, deliver } = await setUp({});
  context.driven.set('11111111-1111-4111-8111-111111111111', 'flow');
  context.driven.set('22222222-2222-4222-8222-222222222222', 'retry');
  context.driven.set('33333333-3333-4333-8333-333333333333', 'race');
  await deliver('11111111-1111-4111-8111-111111111111', examples.CallAnswered.value);
  await deliver('11111111-1111-4111-8111-111111111111', examples.CallHangupByApi.value);
  await deliver('33333333-3333-4333-8333-333333333333', {
    ...examples.CallHangupByApi.value,
    data: { ...examples.CallHangupByApi.value.data, duration_ms: 1 },
  });
  expect(judgeConsistency(context)).toMatchObject({
    id: CONSISTENCY_CASE.id,
    outcome: 'passed',
    detail: '2 webhooks over 2 calls.',
  });
  await deliver('22222222-2222-4222-8222-222222222222', {
    ...examples.CallHangupByApi.value,
    data: { ...examples.CallHangupByApi.value.data, duration_ms: 1 },
  });
  expect(judgeConsistency(context)).toMatchObject({
    outcome: 'failed',
    detail: expect.stringContaining(
      'call 22222222-2222-4222-8222-222222222222: call.hangup: duration_ms 1, but end_time − start_time is 70131',
    ),
  });
});

it('skips the consistency case when no call was driven, and the race without live calls', async () => {
  const { context } = await setUp({});
  expect(judgeConsistency(context)).toMatchObject({ outcome: 'skipped', detail: 'no call was driven (no live calls)' });
  const race = raceGroup(context.contract.commands[0]!);
  await race.prepare!(context);
  expect((await race.run(context))[0]).toMatchObject({ id: 'gateway.answer.race-with-call-end', outcome: 'skipped' });
});

it('runs the race trials on calls of their own, ending each by the control plane, and fails calls that never say they ended', async () => {
  const { context, gateway } = await setUp({ controlPlane: true });
  const race = raceGroup(context.contract.commands[0]!);
  await race.prepare!(context);
  const trials = [...context.driven].filter(([, purpose]) => purpose === 'race').map(([session]) => session);
  expect(trials).toHaveLength(8);
  expect(
    gateway.seen.filter(({ path }) => path.endsWith('/remote-hangup')).map(({ path }) => path.split('/')[3]),
  ).toEqual(trials);
  const [result] = await race.run(context);
  expect(result).toMatchObject({
    outcome: 'failed',
    detail: expect.stringContaining(
      '0 of 8 trials agreed; a remote hang-up 100 ms after its answer (answer → 202): received nothing, which contradict: no call.hangup within 200 ms',
    ),
  });
});

it('passes a race whose calls end once, in order', async () => {
  const { context, deliver } = await setUp({ controlPlane: true });
  const race = raceGroup(context.contract.commands[0]!);
  await race.prepare!(context);
  for (const [session] of context.driven) {
    await deliver(session, examples.CallAnswered.value);
    await deliver(session, examples.CallHangupByApi.value);
  }
  const [result] = await race.run(context);
  expect(result).toMatchObject({ outcome: 'passed' });
  expect(result!.detail.split('; ')).toHaveLength(8);
});
