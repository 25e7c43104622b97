// A call's events, made from the spec's own examples (which agree with each other), then spoilt
// one way at a time.
import { loadBundledSpec } from '@call-control/spec';
import { expect, it } from 'vitest';
import { readContract } from '../../src/contract.js';
import { callContradictions, callEvents } from '../../src/gateway/call-invariants.js';

const contract = readContract();
const { examples } = loadBundledSpec().components;
const answered = examples.CallAnswered.value;
const result = examples.CommandResultSucceeded.value;
const hangupResult = examples.CommandResultHangupSucceeded.value;
const hungUp = examples.CallHangupByApi.value;
const kinds = callEvents(contract);
const contradictions = (events: ReturnType<typeof loadBundledSpec>[]) => callContradictions(contract, kinds, events);
const withData = (event: ReturnType<typeof loadBundledSpec>, data: Record<string, unknown>) => ({
  ...event,
  data: { ...event.data, ...data },
});

it('finds the events that end a call and those that say it was answered, from the contract', () => {
  expect([...kinds.ending]).toEqual(['call.hangup']);
  expect([...kinds.answering]).toEqual(['call.answered']);
});

it('finds nothing wrong with a call the examples describe', () => {
  expect(contradictions([answered, result, hangupResult, hungUp])).toEqual([]);
  expect(contradictions([examples.CallHangupByCaller.value])).toEqual([]);
});

it.each([
  [
    'events out of time order',
    [answered, hangupResult, result, hungUp],
    'command.result (timestamp 2026-11-24T10:00:03.412Z) arrived after command.result (timestamp 2026-11-24T10:01:10.052Z)',
  ],
  [
    'call.answered after the call ended',
    [hungUp, { ...answered, timestamp: hungUp.timestamp }],
    'call.answered arrived after call.hangup',
  ],
  ['two ends', [hungUp, hungUp], 'a second call.hangup after call.hangup'],
  [
    'an end before the answer',
    [withData(hungUp, { end_time: '2026-11-24T10:00:01.000Z', duration_ms: 1000 })],
    'call.hangup: answer_time 2026-11-24T10:00:03.408Z is after end_time 2026-11-24T10:00:01.000Z',
  ],
  [
    'a duration that is not end − start',
    [withData(hungUp, { duration_ms: 1 })],
    'call.hangup: duration_ms 1, but end_time − start_time is 70131',
  ],
  [
    'a completion before the request',
    [withData(result, { completed_at: '2026-11-24T10:00:00.000Z' })],
    'command.result: requested_at 2026-11-24T10:00:03.371Z is after completed_at 2026-11-24T10:00:00.000Z',
  ],
  [
    'answer times that disagree',
    [answered, withData(hungUp, { answer_time: '2026-11-24T10:00:04.000Z' })],
    'call.hangup: answer_time 2026-11-24T10:00:04.000Z, but an earlier event said 2026-11-24T10:00:03.408Z',
  ],
  [
    'an end that forgets the answer',
    [answered, withData(hungUp, { answer_time: null })],
    'call.hangup: answer_time null, but the call was answered (2026-11-24T10:00:03.408Z)',
  ],
  [
    'start times that disagree',
    [answered, withData(hungUp, { start_time: '2026-11-24T09:59:00.000Z', duration_ms: 130131 })],
    'call.hangup: start_time 2026-11-24T09:59:00.000Z, but an earlier event said 2026-11-24T10:00:00.000Z',
  ],
])('finds %s', (_name, events, contradiction) => {
  expect(contradictions(events)).toContain(contradiction);
});
