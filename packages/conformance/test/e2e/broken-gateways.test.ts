// Gateways that break one rule each — the mock gateway behind a proxy that changes one thing
// (test/fixtures/gateways/, the fault in the file name) — must fail exactly the cases of that
// rule, no fewer and none unrelated; the mock behind a proxy that changes nothing passes all.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkGateway, gatewayCases, readContract } from '../../src/index.js';
import { CREDENTIALS, freePort, startBrokenGateway, type GatewayFault } from '../support/broken-gateway.js';
import { testSecret, TIGHT, tighterSpec, tighterSpecFile } from '../support/contracts.js';

const spec = tighterSpec();
const specPath = tighterSpecFile();
const contract = readContract(spec);
const ids = gatewayCases(contract, TIGHT.marginMs).map(({ id }) => id);
const perCommand = (rule: string) => contract.commands.map(({ operationId }) => `gateway.${operationId}.${rule}`);
const ERROR_RULES = [
  'missing-credentials',
  'wrong-key',
  'ended-session',
  'malformed-json',
  'oversized-body',
  'unsupported-media-type',
  'unknown-field',
];
const PROBLEM_CASES = ids.filter(
  (id) => ERROR_RULES.some((rule) => id.endsWith(`.${rule}`)) || /\.invalid-/.test(id) || id.endsWith('.key-reuse'),
);

/** Each broken gateway → the cases it must fail. */
const CAUGHT_BY: Record<string, string[]> = {
  'envelope-without-timeout-ms': perCommand('accepted'),
  'signs-with-another-secret': [...perCommand('webhook-signature'), 'gateway.retry-500', 'gateway.retry-after-503'],
  'sends-a-status-its-schema-lacks': perCommand('webhook-schema'),
  'gives-the-body-another-id': perCommand('webhook-id'),
  'signs-with-a-stale-timestamp': perCommand('webhook-timestamp'),
  'names-another-operation': perCommand('webhook-correlation'),
  'delivers-out-of-order': [
    ...perCommand('webhooks'),
    'gateway.call-consistency',
    'gateway.hangup.race-with-call-end',
    'gateway.disconnect.race-with-call-end',
  ],
  'runs-a-replay-again': perCommand('replay'),
  'accepts-a-reused-key': perCommand('key-reuse'),
  'problem-bodies-as-plain-json': PROBLEM_CASES,
  'accepts-any-cause': ['gateway.hangup.invalid-cause'],
  'ignores-unknown-fields': perCommand('unknown-field'),
  'accepts-a-wrong-key': perCommand('wrong-key'),
  'lets-requests-without-credentials-through': perCommand('missing-credentials'),
  'runs-commands-on-ended-calls': perCommand('ended-session'),
  'answers-400-to-oversized-bodies': perCommand('oversized-body'),
  'accepts-malformed-json': perCommand('malformed-json'),
  'ignores-the-media-type': perCommand('unsupported-media-type'),
  'retries-at-once': ['gateway.retry-500', 'gateway.retry-after-503'],
  'retries-with-another-webhook-id': ['gateway.retry-500', 'gateway.retry-after-503'],
  'contradicts-itself-when-the-call-end-races': perCommand('race-with-call-end'),
  'miscounts-the-duration': ['gateway.call-consistency', ...perCommand('race-with-call-end')],
  'sends-the-call-end-late': ['gateway.hangup.webhooks', 'gateway.disconnect.webhooks'],
};

const fixtures = readdirSync(new URL('../fixtures/gateways/', import.meta.url))
  .filter((file) => file.endsWith('.mjs'))
  .map((file) => file.slice(0, -'.mjs'.length))
  .sort();
const secret = testSecret('gateways');
/**
 * The checker's report on a broken gateway. The checker listens on a port named before it starts
 * (the gateway is told its webhook URL first), so another process can take that port in between:
 * a taken port is tried again with another, at most three times.
 */
async function runAgainst(fault: GatewayFault) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runOnce(fault);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt === 3) throw error;
    }
  }
}

async function runOnce(fault: GatewayFault) {
  const port = await freePort();
  const gateway = await startBrokenGateway(fault, secret, () => `http://127.0.0.1:${port}/webhooks`, specPath);
  try {
    return await checkGateway({
      baseUrl: gateway.url,
      ...CREDENTIALS,
      webhookSecret: secret,
      listen: { host: '127.0.0.1', port },
      scheduleScale: 0.001,
      marginMs: TIGHT.marginMs,
      spec,
    });
  } finally {
    await gateway.close();
  }
}

it('has an expectation for every broken gateway, and a broken gateway for every case', () => {
  expect(Object.keys(CAUGHT_BY).sort()).toEqual(fixtures);
  expect([...new Set(Object.values(CAUGHT_BY).flat())].sort()).toEqual([...ids].sort());
});

it('passes the mock behind a proxy that changes nothing, skipping nothing', async () => {
  const report = await runAgainst({});
  const failed = report.cases.filter(({ outcome }) => outcome === 'failed');
  expect(
    failed.map(({ id }) => id),
    failed.map(({ detail }) => detail).join('\n'),
  ).toEqual([]);
  expect(report.skipped).toBe(0);
});

describe.concurrent.each(fixtures)('%s', (name) => {
  it('fails exactly the cases of its rule', async () => {
    const { default: make } = await import(`../fixtures/gateways/${name}.mjs`);
    const report = await runAgainst(make());
    const failed = report.cases.filter(({ outcome }) => outcome === 'failed');
    const expected = CAUGHT_BY[name]!;
    const unexpected = failed.filter(({ id }) => !expected.includes(id)).map(({ id, detail }) => `${id}: ${detail}`);
    expect(failed.map(({ id }) => id).sort(), unexpected.join('\n')).toEqual([...expected].sort());
    expect(report.skipped).toBe(0);
  });
});
