import { afterEach, expect, it } from 'vitest';
import { readContract } from '../../src/contract.js';
import { createGatewayTarget } from '../../src/gateway/gateway-target.js';
import { findLiveSessions, teardownCommand } from '../../src/gateway/live-sessions.js';
import { startFakeGateway } from '../support/fake-gateway.js';

const contract = readContract();
let gateway: Awaited<ReturnType<typeof startFakeGateway>> | undefined;
afterEach(() => gateway?.close());
const target = (url: string) => createGatewayTarget(contract, url, { appId: 'app', apiKey: 'key' });

it('makes calls on the control plane, ends them from the far side, and knows the key is checked', async () => {
  gateway = await startFakeGateway({ controlPlane: true });
  const sessions = await findLiveSessions(target(gateway.url), ['11111111-1111-1111-1111-111111111111']);
  expect(sessions).toMatchObject({ kind: 'control-plane', keyChecked: true });
  const taken = await sessions.take();
  expect(taken).toEqual({ session: gateway.created[0] });
  expect(await sessions.take()).toEqual({ session: gateway.created[1] });
  expect(await sessions.scratch()).toBe(gateway.created[2]);
  await sessions.endCall(gateway.created[0]!);
  expect(gateway.seen.at(-1)).toMatchObject({
    method: 'POST',
    path: `/__mock/sessions/${gateway.created[0]}/remote-hangup`,
  });
});

it('knows a mock that takes any pair (its control plane asks for none)', async () => {
  gateway = await startFakeGateway({ controlPlane: true, pairRequired: false });
  expect((await findLiveSessions(target(gateway.url), [])).keyChecked).toBe(false);
});

it('uses the given calls in order, once each, then says it needs more; ends a call with the command that ends calls', async () => {
  gateway = await startFakeGateway();
  const sessions = await findLiveSessions(target(gateway.url), [
    'aaaaaaaa-1111-1111-1111-111111111111',
    'bbbbbbbb-1111-1111-1111-111111111111',
  ]);
  expect(sessions).toMatchObject({ kind: 'given', keyChecked: true });
  expect(await sessions.take()).toEqual({ session: 'aaaaaaaa-1111-1111-1111-111111111111' });
  expect(await sessions.take()).toEqual({ session: 'bbbbbbbb-1111-1111-1111-111111111111' });
  expect(await sessions.take()).toEqual({ skipped: 'needs one more live call than the 2 given with --session' });
  await sessions.endCall('aaaaaaaa-1111-1111-1111-111111111111');
  expect(gateway.seen.at(-1)).toMatchObject({
    path: `${teardownCommand(contract.commands)!.path('aaaaaaaa-1111-1111-1111-111111111111')}`,
    body: '{}',
  });
  expect(await sessions.scratch()).toMatch(contract.sessionUuid);
});

it('skips with the reason when there is neither a control plane nor a given call', async () => {
  gateway = await startFakeGateway();
  const sessions = await findLiveSessions(target(gateway.url), []);
  expect(sessions.kind).toBe('none');
  expect(await sessions.take()).toEqual({
    skipped: expect.stringMatching(/^needs a live call: pass --session <uuid>/),
  });
});

it('finds the command that ends calls: the first with a teardown webhook', () => {
  expect(teardownCommand(contract.commands)?.operationId).toBe('hangup');
  expect(teardownCommand([])).toBeUndefined();
});
