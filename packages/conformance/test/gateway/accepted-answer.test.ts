import { expect, it } from 'vitest';
import { readContract } from '../../src/contract.js';
import { judgeAccepted, replayHeader, successOf, summarize } from '../../src/gateway/accepted-answer.js';
import type { SendResult } from '../../src/http-send.js';

const contract = readContract();
const hangup = contract.commands.find(({ operationId }) => operationId === 'hangup')!;
const envelope = {
  operation_id: '3f9c2a7e-8b1d-4c5e-9a2f-6d7e8f901234',
  status: 'in_progress',
  timeout_ms: hangup.timeoutMs,
};
const answer = (
  status: number,
  body: unknown,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): SendResult => ({
  ok: true,
  status,
  headers: new Headers(headers),
  body: typeof body === 'string' ? body : JSON.stringify(body),
  ms: 1,
});

it('finds the documented success and the replay header it declares', () => {
  expect(successOf(hangup).status).toBe('202');
  expect(replayHeader(contract, hangup)).toEqual({ name: 'Idempotent-Replayed', value: 'true' });
});

it.each([
  ['the documented envelope', answer(202, envelope), false, undefined],
  [
    'a replay marked as one',
    answer(202, envelope, { 'content-type': 'application/json', 'idempotent-replayed': 'true' }),
    true,
    undefined,
  ],
  ['another status', answer(200, envelope), false, 'status 200, not 202'],
  [
    'another media type',
    answer(202, envelope, { 'content-type': 'text/plain' }),
    false,
    'Content-Type text/plain, not application/json',
  ],
  ['a body that is not JSON', answer(202, 'ok'), false, 'a body that is not JSON'],
  [
    'an envelope off its schema',
    answer(202, { ...envelope, status: 'done' }),
    false,
    'an envelope its schema refuses: /status must be equal to one of the allowed values',
  ],
  [
    'another timeout_ms',
    answer(202, { ...envelope, timeout_ms: 5000 }),
    false,
    `timeout_ms 5000, not ${hangup.timeoutMs}`,
  ],
  [
    'a first answer marked as a replay',
    answer(202, envelope, { 'content-type': 'application/json', 'idempotent-replayed': 'true' }),
    false,
    'Idempotent-Replayed: true on a first request',
  ],
  ['a replay not marked', answer(202, envelope), true, 'Idempotent-Replayed: (absent), not true'],
  ['no answer', { ok: false, reason: 'ECONNRESET', ms: 1 } as SendResult, false, 'no answer (ECONNRESET)'],
])('judges %s', (_name, result, replay, problem) => {
  expect(judgeAccepted(contract, hangup, result, replay).problem).toBe(problem);
});

it('keeps the operation_id of an envelope it faults, for the cases that follow', () => {
  expect(judgeAccepted(contract, hangup, answer(202, { ...envelope, timeout_ms: 1 }), false).operationId).toBe(
    envelope.operation_id,
  );
  expect(summarize(answer(202, envelope))).toBe(`202 ${JSON.stringify(envelope)}`);
});
