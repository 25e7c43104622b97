// What one call's webhooks must not contradict, beyond what each one's schema can say: events
// in time order, each event's times in order, a duration that is its end less its start, times
// that agree from event to event, one end, and nothing answered after it. The schemas cannot say
// these; the fields they read are named here, each where the contract defines it.
import type { Contract } from '../contract.js';
import { at, type Json } from '../spec-document.js';
import { valueAt, webhookNamed } from './gateway-case.js';

/** Fields of an event's data whose times come in this order. */
const TIME_ORDERS = [
  ['start_time', 'answer_time', 'end_time'],
  ['requested_at', 'completed_at'],
];
/** The call's times, the same in every event that gives them. */
const CALL_TIMES = ['start_time', 'answer_time'];
const DURATION = { field: 'duration_ms', from: 'start_time', to: 'end_time' };

/** Where the contract defines the fields these rules read (for the case's `spec`). */
export const INVARIANT_SPEC = '#/components/schemas/CallHangupData';

export interface CallEvents {
  /** The webhooks that end a call (the teardown of `x-webhooks-triggered`). */
  ending: Set<string>;
  /** The webhooks that say a call was answered (their data requires `answer_time`). */
  answering: Set<string>;
}

export function callEvents(contract: Contract): CallEvents {
  const ending = new Set(
    contract.commands.flatMap(({ triggered }) =>
      triggered.filter(({ trigger }) => trigger === 'teardown').map(({ webhook }) => webhook),
    ),
  );
  const answering = new Set(
    contract.webhooks
      .filter(({ name, schemaPointer, sessionPath }) => {
        if (ending.has(name)) return false;
        const data = at(contract.spec, `${schemaPointer}/properties/${sessionPath.slice(0, -1).join('/properties/')}`);
        return (data.required as string[] | undefined)?.includes('answer_time') === true;
      })
      .map(({ name }) => name),
  );
  return { ending, answering };
}

const time = (value: unknown) => (typeof value === 'string' ? Date.parse(value) : Number.NaN);

function eventContradictions(type: string, data: Json): string[] {
  const found: string[] = [];
  for (const order of TIME_ORDERS) {
    const present = order.filter((field) => !Number.isNaN(time(data[field])));
    for (let i = 1; i < present.length; i += 1) {
      if (time(data[present[i - 1]!]) > time(data[present[i]!]))
        found.push(`${type}: ${present[i - 1]} ${data[present[i - 1]!]} is after ${present[i]} ${data[present[i]!]}`);
    }
  }
  if (typeof data[DURATION.field] === 'number' && !Number.isNaN(time(data[DURATION.from]) + time(data[DURATION.to]))) {
    const span = time(data[DURATION.to]) - time(data[DURATION.from]);
    if (Math.abs(span - data[DURATION.field]) > 1)
      found.push(
        `${type}: ${DURATION.field} ${data[DURATION.field]}, but ${DURATION.to} − ${DURATION.from} is ${span}`,
      );
  }
  return found;
}

/** Everything one call's events (each once, in order of arrival) contradict. */
export function callContradictions(
  contract: Contract,
  kinds: CallEvents,
  events: readonly Record<string, unknown>[],
): string[] {
  const found: string[] = [];
  const known: Record<string, unknown> = {};
  let ended: string | undefined;
  let answered = false;
  events.forEach((event, index) => {
    const type = String(event.type);
    const webhook = webhookNamed(contract, type);
    const data = (webhook === undefined ? undefined : valueAt(event, webhook.sessionPath.slice(0, -1))) as
      | Json
      | undefined;
    const previous = events[index - 1];
    if (previous !== undefined && time(previous.timestamp) > time(event.timestamp))
      found.push(
        `${type} (timestamp ${event.timestamp}) arrived after ${previous.type} (timestamp ${previous.timestamp})`,
      );
    if (kinds.answering.has(type) && ended !== undefined) found.push(`${type} arrived after ${ended}`);
    if (kinds.ending.has(type) && ended !== undefined) found.push(`a second ${type} after ${ended}`);
    if (kinds.answering.has(type)) answered = true;
    if (kinds.ending.has(type)) ended ??= type;
    if (data === undefined) return;
    found.push(...eventContradictions(type, data));
    for (const field of CALL_TIMES) {
      if (data[field] === undefined) continue;
      if (data[field] === null && field === 'answer_time' && answered)
        found.push(`${type}: answer_time null, but the call was answered (${known[field]})`);
      else if (data[field] !== null && known[field] !== undefined && known[field] !== data[field])
        found.push(`${type}: ${field} ${data[field]}, but an earlier event said ${known[field]}`);
      if (data[field] !== null) known[field] ??= data[field];
    }
  });
  return found;
}
