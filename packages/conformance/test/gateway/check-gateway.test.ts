import { loadBundledSpec } from '@call-control/spec';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readContract } from '../../src/contract.js';
import { checkGateway, gatewayCases } from '../../src/gateway/check-gateway.js';
import { startFakeGateway } from '../support/fake-gateway.js';
import { SECRET, shortSpec } from '../support/gateway-context.js';

const contract = readContract();

it('lists each command’s cases, then the retries, then the consistency of the calls', () => {
  const ids = gatewayCases(contract).map(({ id }) => id);
  const perCommand = ids.filter((id) => id.split('.').length === 3);
  expect([...new Set(perCommand.map((id) => id.split('.')[1]))]).toEqual(
    contract.commands.map(({ operationId }) => operationId),
  );
  expect(ids.filter((id) => id.split('.').length === 2)).toEqual([
    'gateway.retry-500',
    'gateway.retry-after-503',
    'gateway.call-consistency',
  ]);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids).toHaveLength(58);
});

let gateway: Awaited<ReturnType<typeof startFakeGateway>>;
beforeAll(async () => {
  gateway = await startFakeGateway({ commandStatus: 401 });
});
afterAll(() => gateway.close());

it('runs what needs no live call, and skips — never passes — what does, saying why', async () => {
  const report = await checkGateway({
    baseUrl: gateway.url,
    appId: 'app',
    apiKey: 'key',
    webhookSecret: SECRET,
    listen: { host: '127.0.0.1', port: 0 },
    marginMs: 100,
    spec: shortSpec(),
  });
  expect(report.target).toBe(gateway.url);
  const skipped = report.cases.filter(({ outcome }) => outcome === 'skipped');
  const needsACall =
    /\.(accepted|webhooks|webhook-[a-z]+|replay|key-reuse|race-with-call-end|ended-session)$|^gateway\.(retry-|call-consistency)/;
  expect(skipped.map(({ id }) => id)).toEqual(report.cases.map(({ id }) => id).filter((id) => needsACall.test(id)));
  expect(
    skipped
      .filter(({ id }) => id !== 'gateway.call-consistency')
      .every(({ detail }) => detail.startsWith('needs a live call: pass --session <uuid>')),
  ).toBe(true);
  // The stand-in answers 401 to everything, with a problem of its own type: the errors are judged.
  expect(report.cases.find(({ id }) => id === 'gateway.answer.missing-credentials')).toMatchObject({
    outcome: 'failed',
    detail: expect.stringContaining(
      'problem type "about:blank", not https://gateway.example.com/problems/unauthorized',
    ),
  });
  expect(report.passed).toBe(0);
});

it('rejects when it cannot listen where the gateway delivers', async () => {
  await expect(
    checkGateway({
      baseUrl: gateway.url,
      appId: 'app',
      apiKey: 'key',
      webhookSecret: SECRET,
      listen: { host: '127.0.0.1', port: gateway.port },
      spec: loadBundledSpec(),
    }),
  ).rejects.toMatchObject({ code: 'EADDRINUSE' });
});

it('gives few live calls to the commands first, then the ended call and the retries; the races get what is left', async () => {
  const calls = Array.from({ length: 6 }, (_, index) => `0000000${index}-1111-4111-8111-111111111111`);
  const spare = await startFakeGateway({ commandStatus: 202 });
  try {
    const report = await checkGateway({
      baseUrl: spare.url,
      appId: 'app',
      apiKey: 'key',
      webhookSecret: SECRET,
      listen: { host: '127.0.0.1', port: 0 },
      sessions: calls,
      scheduleScale: 0.001,
      marginMs: 100,
      spec: shortSpec(),
    });
    const wanting = report.cases.filter(({ outcome, detail }) => outcome === 'skipped' && detail.startsWith('needs'));
    expect(wanting.map(({ id }) => id)).toEqual([
      'gateway.answer.race-with-call-end',
      'gateway.hangup.race-with-call-end',
      'gateway.disconnect.race-with-call-end',
    ]);
    expect(new Set(wanting.map(({ detail }) => detail))).toEqual(
      new Set(['needs one more live call than the 6 given with --session']),
    );
    const firstUse = calls.map((call) =>
      spare.seen
        .find(({ path }) => path.includes(call))!
        .path.split('/')
        .pop(),
    );
    expect(firstUse).toEqual(['answer', 'hangup', 'disconnect', 'hangup', 'answer', 'answer']);
  } finally {
    await spare.close();
  }
});

it('runs every case with nine live calls, as the README says', async () => {
  const calls = Array.from({ length: 9 }, (_, index) => `0000000${index}-2222-4222-8222-222222222222`);
  const spare = await startFakeGateway({ commandStatus: 202 });
  try {
    const report = await checkGateway({
      baseUrl: spare.url,
      appId: 'app',
      apiKey: 'key',
      webhookSecret: SECRET,
      listen: { host: '127.0.0.1', port: 0 },
      sessions: calls,
      scheduleScale: 0.001,
      marginMs: 100,
      spec: shortSpec(),
    });
    expect(report.cases.filter(({ outcome, detail }) => outcome === 'skipped' && detail.startsWith('needs'))).toEqual(
      [],
    );
    expect(calls.every((call) => spare.seen.some(({ path }) => path.includes(call)))).toBe(true);
  } finally {
    await spare.close();
  }
});
