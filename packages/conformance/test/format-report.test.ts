import { expect, it } from 'vitest';
import { formatReport, summaryLine } from '../src/format-report.js';
import { resultOf, toReport } from '../src/report.js';

const definition = (id: string) => ({ id, title: `the rule of ${id}`, why: 'why', spec: `#/${id}` });
const report = toReport('http://127.0.0.1:3000/webhooks', [
  resultOf(definition('a'), 'passed', 'sent a → 204.'),
  resultOf(definition('b'), 'failed', 'sent b → 200.'),
  resultOf(definition('c'), 'skipped', 'needs a live call'),
]);

it('prints one line per case — mark, id, rule, what happened, where the contract says so — then the summary', () => {
  expect(formatReport('gateway', report).split('\n')).toEqual([
    'gateway http://127.0.0.1:3000/webhooks',
    '✔ a — the rule of a: sent a → 204. (#/a)',
    '✗ b — the rule of b: sent b → 200. Why it matters: why (#/b)',
    '– c — the rule of c: needs a live call (#/c)',
    'gateway: 1 passed, 1 failed, 1 skipped',
  ]);
});

it.each([
  ['receiver', toReport('u', [resultOf(definition('a'), 'passed', '.')]), 'receiver: 1 passed, 0 failed'],
  ['receiver', report, 'receiver: 1 passed, 1 failed, 1 skipped'],
  ['gateway', toReport('u', []), 'gateway: 0 passed, 0 failed, 0 skipped'],
] as const)('summarises the %s side: %s', (side, given, line) => {
  expect(summaryLine(side, given)).toBe(line);
});
