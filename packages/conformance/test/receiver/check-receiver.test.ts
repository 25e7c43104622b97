// The judge, against real servers that answer everything the same way: a receiver that accepts
// everything, refuses everything, refuses with 500, redirects, or is not there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readContract } from '../../src/contract.js';
import { checkReceiver, receiverCases } from '../../src/receiver/check-receiver.js';
import { serve } from '../support/http-server.js';

const contract = readContract();
const secret = `whsec_${Buffer.from('check-receiver-test-secret-0123!').toString('base64')}`;
const accepts = receiverCases(contract)
  .filter(({ expect: expected }) => expected === 'accept')
  .map(({ id }) => id);
const refuses = receiverCases(contract)
  .filter(({ expect: expected }) => expected === 'refuse')
  .map(({ id }) => id);

describe.each([
  [204, { failed: refuses, warned: [] }],
  [401, { failed: accepts, warned: [] }],
  [500, { failed: accepts, warned: refuses }],
  [302, { failed: [...accepts, ...refuses], warned: [] }],
])('a receiver that answers everything %i', (status, { failed, warned }) => {
  let server: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    server = await serve((_seen, res) => void res.writeHead(status, { location: '/login' }).end());
  });
  afterAll(() => server.close());

  it('fails exactly the cases whose rule that breaks, and warns where a 5xx refuses', async () => {
    const report = await checkReceiver({ url: `${server.url}/webhooks`, secret });
    expect(report.cases.filter(({ outcome }) => outcome === 'failed').map(({ id }) => id)).toEqual(failed);
    expect(report.cases.filter(({ detail }) => detail.includes('Warning: a 5xx')).map(({ id }) => id)).toEqual(warned);
    expect(report).toMatchObject({ target: `${server.url}/webhooks`, skipped: 0, failed: failed.length });
    expect(server.seen.every(({ method, path }) => method === 'POST' && path === '/webhooks')).toBe(true);
  });
});

it('fails every case, timing included, when nothing answers', async () => {
  const gone = await serve(() => {});
  await gone.close();
  const report = await checkReceiver({ url: gone.url, secret });
  expect(report.failed).toBe(report.cases.length);
  expect(report.cases[0]!.detail).toContain('no answer (ECONNREFUSED)');
});

it('judges the time of each accepted delivery by the contract’s response timeout', async () => {
  const spec = structuredClone(contract.spec);
  spec['x-gateway-limits'].webhook_response_timeout_ms = 1_000;
  // Slow for call.hangup only: late, but well inside the twice-the-limit wait for its status (800 ms
  // to spare, for a loaded machine's late timers).
  const slow = await serve(
    ({ body }, res) => void setTimeout(() => res.writeHead(204).end(), body.includes('"call.hangup"') ? 1_200 : 0),
  );
  try {
    const report = await checkReceiver({ url: slow.url, secret, spec });
    const timing = report.cases.find(({ id }) => id === 'receiver.answers-in-time')!;
    expect(timing.outcome).toBe('failed');
    expect(timing.detail).toContain('each must be answered within 1000 ms');
    expect(timing.detail.match(/call\.hangup/g)?.length).toBeGreaterThanOrEqual(3);
    // Answered within twice the limit, each delivery is still judged by its status.
    expect(report.cases.find(({ id }) => id === 'receiver.every-example')!.outcome).toBe('passed');
  } finally {
    await slow.close();
  }
});
