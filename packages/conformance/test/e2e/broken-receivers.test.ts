// Receivers that break one rule each (the fault in the file name, test/fixtures/receivers/),
// each built on the same honest Standard Webhooks receiver: the battery must fail exactly the
// cases of that rule — no fewer, and none unrelated — and the honest receiver must pass all.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkReceiver, readContract, receiverCases } from '../../src/index.js';
import { answeredInTimeCase } from '../../src/receiver/check-receiver.js';
import { startReceiver } from '../fixtures/standard-receiver.mjs';
import { testSecret, tighterSpec } from '../support/contracts.js';

const REFUSALS = receiverCases()
  .filter(({ expect }) => expect === 'refuse')
  .map(({ id }) => id);

/** Each broken receiver → the cases it must fail. */
const CAUGHT_BY: Record<string, string[]> = {
  'verifies-reserialized-json': ['receiver.raw-body'],
  'checks-only-the-first-signature': ['receiver.secret-rotation'],
  'checks-only-the-last-signature': ['receiver.secret-rotation'],
  'ignores-old-timestamps': ['receiver.timestamp-too-old'],
  'ignores-future-timestamps': ['receiver.timestamp-too-new'],
  'allows-only-30-seconds-of-skew': ['receiver.timestamp-recent'],
  'answers-400-to-unknown-event-types': ['receiver.unknown-event-type'],
  'rejects-unknown-commands': ['receiver.unknown-command'],
  'rejects-unknown-fields': ['receiver.extra-fields'],
  'answers-409-to-a-repeated-delivery': ['receiver.duplicate-delivery'],
  'rejects-a-null-operation-id': ['receiver.every-example'],
  'skips-signature-verification': [
    'receiver.tampered-body',
    'receiver.wrong-secret',
    'receiver.malformed-signature',
    'receiver.v1a-signature-only',
  ],
  'acknowledges-unsigned-requests': ['receiver.missing-headers'],
  'accepts-unprefixed-signatures': ['receiver.malformed-signature'],
  'ignores-the-signature-version': ['receiver.v1a-signature-only'],
  'acknowledges-empty-bodies': ['receiver.empty-body'],
  'redirects-refused-deliveries': REFUSALS,
  'answers-500-to-refused-deliveries': [],
  'answers-call-hangup-after-the-timeout': ['receiver.answers-in-time'],
};

const fixtures = readdirSync(new URL('../fixtures/receivers/', import.meta.url))
  .filter((file) => file.endsWith('.mjs'))
  .map((file) => file.slice(0, -'.mjs'.length))
  .sort();
const spec = tighterSpec();
const secret = testSecret('receivers');

async function failedCases(fault: object) {
  const receiver = await startReceiver(secret, fault);
  try {
    return await checkReceiver({ url: receiver.url, secret, spec });
  } finally {
    await receiver.close();
  }
}

it('has an expectation for every broken receiver, and a broken receiver for every case', () => {
  expect(Object.keys(CAUGHT_BY).sort()).toEqual(fixtures);
  const everyCase = [...receiverCases(readContract(spec)), answeredInTimeCase(readContract(spec))].map(({ id }) => id);
  expect([...new Set(Object.values(CAUGHT_BY).flat())].sort()).toEqual(everyCase.sort());
});

it('passes the honest receiver on every case', async () => {
  const report = await failedCases({});
  expect(report.cases.filter(({ outcome }) => outcome !== 'passed')).toEqual([]);
});

describe.concurrent.each(fixtures)('%s', (name) => {
  it('fails exactly the cases of its rule', async () => {
    const { default: fault } = await import(`../fixtures/receivers/${name}.mjs`);
    const report = await failedCases(fault);
    const failed = report.cases.filter(({ outcome }) => outcome === 'failed');
    expect(failed.map(({ id }) => id).sort(), failed.map(({ detail }) => detail).join('\n')).toEqual(
      [...CAUGHT_BY[name]!].sort(),
    );
    expect(report.skipped).toBe(0);
  });
});

it('passes a receiver that refuses with 500, with a warning on each refusal', async () => {
  const { default: fault } = await import('../fixtures/receivers/answers-500-to-refused-deliveries.mjs');
  const report = await failedCases(fault);
  const warned = report.cases.filter(({ detail }) => detail.includes('Warning: a 5xx makes the gateway retry'));
  expect(warned.map(({ id }) => id).sort()).toEqual([...REFUSALS].sort());
  expect(warned.every(({ outcome }) => outcome === 'passed')).toBe(true);
});
