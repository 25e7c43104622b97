// The webhook payloads the mock gateway sends, shaped by the spec's event schemas. One builder
// per webhook of the spec, each taking only the facts its event reports: the mapped types make
// adding a webhook to the spec a compile error here until the mock can build it.
import { randomFillSync } from 'node:crypto';
import type {
  CommandError,
  CommandName,
  CommandStatus,
  HangupCause,
  HangupSource,
  WebhookEventMap,
  WebhookEventType,
} from '@call-control/types';
import { isoTime } from '../common/clock.js';
import type { Session } from './sessions.js';

interface Happened {
  session: Session;
  /** When the event happens. */
  at: Date;
}

export interface Hangup {
  cause: HangupCause;
  causeCode: number;
  source: HangupSource;
}

/** What each webhook reports, by webhook. */
export interface PayloadFacts {
  'command.result': Happened & {
    operationId: string;
    command: CommandName;
    commandUid: string;
    requestedAt: Date;
    status: CommandStatus;
    /** Reported when `status` is `failed`. */
    error?: CommandError;
  };
  'call.answered': Happened & { operationId: string; commandUid: string };
  'call.hangup': Happened & {
    /** The command that caused it, or null (the remote party, the system). */
    operationId: string | null;
    hangup: Hangup;
  };
}

/** The parties, when the session knows them (every event's data may carry them). */
function withParties<Data extends { from?: string; to?: string }>(data: Data, { from, to }: Session): Data {
  if (from !== undefined) data.from = from;
  if (to !== undefined) data.to = to;
  return data;
}

/** The random bytes behind the ids: filled a few hundred ids at a time (one call for many, as randomUUID does). */
const ID_BYTES = 16;
const idPool = Buffer.alloc(ID_BYTES * 256);
let idAt = idPool.length;

/** A new event id: `evt_` and 128 random bits in hex, written in one step (two to three per command). */
export const newWebhookId = () => {
  if (idAt === idPool.length) {
    randomFillSync(idPool);
    idAt = 0;
  }
  const hex = idPool.toString('hex', idAt, idAt + ID_BYTES);
  idAt += ID_BYTES;
  return `evt_${hex}`;
};

// The builders run two or three times per command: they write each field out (an object
// spread would cost more than the rest of a builder; ADR 0010), and format dates with isoTime
// (an event's times mostly share one instant).
export const payloadBuilders: { [Type in WebhookEventType]: (facts: PayloadFacts[Type]) => WebhookEventMap[Type] } = {
  'command.result': (facts) => {
    const at = isoTime(facts.at);
    const data: WebhookEventMap['command.result']['data'] = {
      session_uuid: facts.session.uuid,
      direction: facts.session.direction,
      operation_id: facts.operationId,
      command: facts.command,
      command_uid: facts.commandUid,
      status: facts.status,
      requested_at: isoTime(facts.requestedAt),
      completed_at: at,
    };
    if (facts.status === 'failed' && facts.error) data.error = facts.error;
    return { id: newWebhookId(), type: 'command.result', timestamp: at, data: withParties(data, facts.session) };
  },
  'call.answered': (facts) => {
    const at = isoTime(facts.at);
    const data: WebhookEventMap['call.answered']['data'] = {
      session_uuid: facts.session.uuid,
      direction: facts.session.direction,
      operation_id: facts.operationId,
      command_uid: facts.commandUid,
      start_time: isoTime(facts.session.startedAt),
      answer_time: at,
    };
    return { id: newWebhookId(), type: 'call.answered', timestamp: at, data: withParties(data, facts.session) };
  },
  'call.hangup': (facts) => {
    const { session, at, hangup } = facts;
    const data: WebhookEventMap['call.hangup']['data'] = {
      session_uuid: session.uuid,
      direction: session.direction,
      hangup_cause: hangup.cause,
      hangup_cause_code: hangup.causeCode,
      hangup_source: hangup.source,
      operation_id: facts.operationId,
      start_time: isoTime(session.startedAt),
      answer_time: session.answeredAt === null ? null : isoTime(session.answeredAt),
      end_time: isoTime(at),
      duration_ms: Math.max(0, at.getTime() - session.startedAt),
    };
    return { id: newWebhookId(), type: 'call.hangup', timestamp: isoTime(at), data: withParties(data, session) };
  },
};
