// What one call's webhooks must never contradict, whatever the timing of what caused them:
// timestamps that never go backwards, each event's own times in order, a duration that is its
// end less its start, one end and nothing answered after it, the call's times the same in every
// event, and one result per accepted command — where an answer that lost the race with the
// call's end reports the failure the spec's own example gives for it.
import type { WebhookEvent } from '@call-control/types';
import { spec } from './spec.js';

/** The error the spec gives a command whose call was gone (its failed command.result example). */
export const CALL_GONE_ERROR = spec.components.examples.CommandResultFailed.value.data.error as { code: string };

/** A command the gateway accepted (202) on the call. */
export interface Accepted {
  command: string;
  operationId: string;
}

type Data = Record<string, unknown>;
const ms = (value: unknown) => (typeof value === 'string' ? Date.parse(value) : Number.NaN);

/** Times within one event's data, each pair in order. */
const TIME_ORDERS: [string, string][] = [
  ['start_time', 'answer_time'],
  ['answer_time', 'end_time'],
  ['start_time', 'end_time'],
  ['requested_at', 'completed_at'],
];

function eventRules(event: WebhookEvent): string[] {
  const data = event.data as Data;
  const found: string[] = [];
  for (const [early, late] of TIME_ORDERS) {
    if (ms(data[early]) > ms(data[late]))
      found.push(`${event.type}: ${early} ${data[early]} after ${late} ${data[late]}`);
  }
  if ('duration_ms' in data) {
    const span = ms(data.end_time) - ms(data.start_time);
    if (typeof data.duration_ms !== 'number' || data.duration_ms < 0 || data.duration_ms !== span)
      found.push(`${event.type}: duration_ms ${data.duration_ms}, end_time − start_time ${span}`);
  }
  return found;
}

/** Everything the call's events (each once, in order of arrival) contradict. */
export function callContradictions(events: readonly WebhookEvent[], accepted: readonly Accepted[]): string[] {
  const found: string[] = [];
  let ended: WebhookEvent | undefined;
  let answered: WebhookEvent | undefined;
  events.forEach((event, index) => {
    const previous = events[index - 1];
    if (previous !== undefined && ms(previous.timestamp) > ms(event.timestamp))
      found.push(`${event.type} ${event.timestamp} arrived after ${previous.type} ${previous.timestamp}`);
    found.push(...eventRules(event));
    const data = event.data as Data;
    if (event.type === 'call.answered') {
      if (ended !== undefined) found.push('call.answered after call.hangup');
      if (answered !== undefined) found.push('a second call.answered');
      answered = event;
    }
    if (event.type === 'call.hangup') {
      if (ended !== undefined) found.push('a second call.hangup');
      ended = event;
      const answerTime = answered === undefined ? null : (answered.data as Data).answer_time;
      if (data.answer_time !== answerTime)
        found.push(`call.hangup answer_time ${data.answer_time}, answered ${answerTime}`);
    }
  });
  for (const { command, operationId } of accepted) {
    const results = events.filter(
      (event) => event.type === 'command.result' && (event.data as Data).operation_id === operationId,
    );
    if (results.length !== 1) {
      found.push(`${command} ${operationId}: ${results.length} command.result`);
      continue;
    }
    const result = results[0]!.data as Data & { error?: { code: string } };
    if (command !== 'answer') continue;
    const answeredByIt = answered !== undefined && (answered.data as Data).operation_id === operationId;
    if (result.status === 'succeeded' && !answeredByIt) found.push(`answer ${operationId} succeeded, never answered`);
    if (result.status !== 'succeeded' && answeredByIt)
      found.push(`answer ${operationId} ${result.status}, yet answered`);
    if (result.status === 'failed' && result.error?.code !== CALL_GONE_ERROR.code)
      found.push(`answer ${operationId} failed with ${result.error?.code}, not ${CALL_GONE_ERROR.code}`);
  }
  return found;
}
