// The webhook payloads the mock gateway sends, shaped by the spec's event schemas. One builder
// per webhook of the spec, each taking only the facts its event reports: the mapped types make
// adding a webhook to the spec a compile error here until the mock can build it.
import { randomUUID } from 'node:crypto';
import type {
  CommandError,
  CommandName,
  CommandStatus,
  HangupCause,
  HangupSource,
  WebhookEventMap,
  WebhookEventType,
} from '@call-control/types';
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
export interface EventFacts {
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

export const newEventId = () => `evt_${randomUUID().replaceAll('-', '')}`;

const sessionFields = (session: Session) => ({ session_uuid: session.uuid, direction: 'inbound' as const });

export const eventBuilders: { [Type in WebhookEventType]: (facts: EventFacts[Type]) => WebhookEventMap[Type] } = {
  'command.result': (facts) => ({
    id: newEventId(),
    type: 'command.result',
    timestamp: facts.at.toISOString(),
    data: {
      ...sessionFields(facts.session),
      operation_id: facts.operationId,
      command: facts.command,
      command_uid: facts.commandUid,
      status: facts.status,
      requested_at: facts.requestedAt.toISOString(),
      completed_at: facts.at.toISOString(),
      ...(facts.status === 'failed' && facts.error ? { error: facts.error } : {}),
    },
  }),
  'call.answered': (facts) => ({
    id: newEventId(),
    type: 'call.answered',
    timestamp: facts.at.toISOString(),
    data: {
      ...sessionFields(facts.session),
      operation_id: facts.operationId,
      command_uid: facts.commandUid,
      start_time: facts.session.startedAt.toISOString(),
      answer_time: facts.at.toISOString(),
    },
  }),
  'call.hangup': (facts) => ({
    id: newEventId(),
    type: 'call.hangup',
    timestamp: facts.at.toISOString(),
    data: {
      ...sessionFields(facts.session),
      hangup_cause: facts.hangup.cause,
      hangup_cause_code: facts.hangup.causeCode,
      hangup_source: facts.hangup.source,
      operation_id: facts.operationId,
      start_time: facts.session.startedAt.toISOString(),
      answer_time: facts.session.answeredAt?.toISOString() ?? null,
      end_time: facts.at.toISOString(),
      duration_ms: Math.max(0, facts.at.getTime() - facts.session.startedAt.getTime()),
    },
  }),
};
