// Our own receiver — the @call-control/webhooks README example, compiled and run as a reader
// would — passes every receiver case of the contract it was built from.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkReceiver, readContract, receiverCases } from '../../src/index.js';
import { testSecret } from '../support/contracts.js';
import { startReadmeReceiver } from '../support/readme-receiver.js';

const secret = testSecret('readme');
let receiver: Awaited<ReturnType<typeof startReadmeReceiver>>;

beforeAll(async () => {
  receiver = await startReadmeReceiver(secret);
});
afterAll(() => receiver?.close());

it('passes every receiver case, with no warning', async () => {
  const report = await checkReceiver({ url: receiver.url, secret });
  expect(report.cases.filter(({ outcome }) => outcome !== 'passed')).toEqual([]);
  expect(report.cases.filter(({ detail }) => detail.includes('Warning'))).toEqual([]);
  // Every case of the contract ran (the time it took to answer is one more).
  expect(report.cases.map(({ id }) => id)).toEqual([
    ...receiverCases(readContract()).map(({ id }) => id),
    'receiver.answers-in-time',
  ]);
});

it('handled the authentic deliveries of the contract’s own types (its handlers logged them)', () => {
  // The README's handlers print `<command> <status>`, `answered …`, `hung up …`.
  expect(receiver.output()).toMatch(/^answer succeeded$/m);
  expect(receiver.output()).toMatch(/^answered 3f9c2a7e-8b1d-4c5e-9a2f-6d7e8f901234$/m);
  expect(receiver.output()).toMatch(/^hung up ORIGINATOR_CANCEL$/m);
});
