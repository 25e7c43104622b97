import { expect, it } from 'vitest';
import { resultOf, toReport, verdict, type CaseDefinition } from '../src/report.js';

const definition: CaseDefinition = { id: 'receiver.x', title: 'a rule', why: 'it matters', spec: '#/x' };

it('counts the outcomes', () => {
  const cases = [
    resultOf(definition, 'passed', 'a.'),
    resultOf(definition, 'failed', 'b.'),
    resultOf(definition, 'skipped', 'c'),
  ];
  expect(toReport('http://t/', cases)).toEqual({ target: 'http://t/', cases, passed: 1, failed: 1, skipped: 1 });
});

it.each([
  ['passed', undefined, 'sent x.'],
  ['failed', undefined, 'sent x. Why it matters: it matters'],
  ['skipped', undefined, 'sent x.'],
  ['passed', 'a 5xx retries', 'sent x. Warning: a 5xx retries. Why it matters: it matters'],
] as const)('a %s result (warning %s) says why only when it failed or warns', (outcome, warning, detail) => {
  expect(resultOf(definition, outcome, 'sent x.', warning)).toEqual({
    id: 'receiver.x',
    title: 'a rule',
    outcome,
    detail,
    spec: '#/x',
  });
});

it('gives a verdict: passed without a problem, failed with it', () => {
  expect(verdict(definition, 'sent x', undefined)).toMatchObject({ outcome: 'passed', detail: 'sent x.' });
  expect(verdict(definition, 'sent x', 'status 500')).toMatchObject({
    outcome: 'failed',
    detail: 'sent x: status 500. Why it matters: it matters',
  });
});
