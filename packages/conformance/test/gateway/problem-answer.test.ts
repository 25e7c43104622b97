import { expect, it } from 'vitest';
import { readContract } from '../../src/contract.js';
import type { SendResult } from '../../src/http-send.js';
import { describeAnswer, documentedProblem, problemMismatch } from '../../src/gateway/problem-answer.js';

const contract = readContract();
const hangup = contract.commands.find(({ operationId }) => operationId === 'hangup')!;
const documented = documentedProblem(contract, hangup, 'ValidationFailedProblem')!;
const problem = {
  type: documented.problem.type,
  title: 'Validation failed',
  status: 422,
  detail: 'cause',
  errors: [{ pointer: '/cause', detail: 'must match pattern' }],
};
const answer = (
  status: number,
  body: unknown,
  contentType = 'application/problem+json; charset=utf-8',
): SendResult => ({
  ok: true,
  status,
  headers: new Headers({ 'content-type': contentType }),
  body: typeof body === 'string' ? body : JSON.stringify(body),
  ms: 1,
});

it('finds the answer a command documents with a problem example, or none', () => {
  expect(documented.response.status).toBe('422');
  expect(documented.problem).toMatchObject({
    status: 422,
    type: 'https://gateway.example.com/problems/validation-failed',
  });
  expect(documentedProblem(contract, hangup, 'WebhookSignatureProblem')).toBeUndefined();
});

it.each([
  ['the documented problem', answer(422, problem), undefined],
  ['another status', answer(400, { ...problem, status: 400 }), 'status 400, not 422'],
  [
    'plain JSON',
    answer(422, problem, 'application/json'),
    'Content-Type application/json, not application/problem+json',
  ],
  ['no JSON', answer(422, 'no'), 'a body that is not JSON'],
  [
    'a body off the problem schema',
    answer(422, { ...problem, title: undefined }),
    "a body the problem schema refuses: (root) must have required property 'title'",
  ],
  [
    'another type',
    answer(422, { ...problem, type: 'about:blank' }),
    'problem type "about:blank", not https://gateway.example.com/problems/validation-failed',
  ],
  ['a status member that disagrees', answer(422, { ...problem, status: 400 }), '"status": 400 in a 422 answer'],
  ['no answer', { ok: false, reason: 'ECONNRESET', ms: 0 } as SendResult, 'no answer (ECONNRESET)'],
])('judges %s', (_name, result, mismatch) => {
  expect(problemMismatch(contract, result, documented)).toBe(mismatch);
});

it('runs a further check of the body only when the rest holds', () => {
  const names = (body: Record<string, unknown>) =>
    (body.errors as { pointer: string }[])[0]?.pointer === '/command_uid' ? undefined : 'not /command_uid';
  expect(problemMismatch(contract, answer(422, problem), documented, names)).toBe('not /command_uid');
  expect(problemMismatch(contract, answer(400, problem), documented, names)).toBe('status 400, not 422');
});

it('describes an answer by status, problem slug and media type', () => {
  expect(describeAnswer(answer(422, problem))).toBe('422 validation-failed (application/problem+json; charset=utf-8)');
  expect(describeAnswer(answer(202, '{}', 'application/json'))).toBe('202 (application/json)');
  expect(describeAnswer({ ok: false, reason: 'x', ms: 0 })).toBe('no answer (x)');
});
