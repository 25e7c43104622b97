// What an accepted command does: its 202 envelope, the session's next state, and the webhooks
// it triggers — when and in what order, from the command table, which takes them from the
// spec's `x-webhooks-triggered` (nothing about timing is written here).
import { randomUUID } from 'node:crypto';
import type {
  CommandStatus,
  DeferredOperation,
  HangupCause,
  WebhookEvent,
  WebhookEventMap,
  WebhookEventType,
} from '@call-control/types';
import type { CommandEntry, SessionState } from './command-table.js';
import { payloadBuilders, type PayloadFacts } from './webhook-payloads.js';
import type { ForcedResult } from './scenarios.js';
import type { Session } from './sessions.js';
import type { SpecModel } from '../common/spec-model.js';

export interface PlannedEvent {
  event: WebhookEvent;
  /** When to send it (epoch ms). */
  dueAt: number;
}

/** What a command that lost the race with the call's end sends instead of what it still held (see call-timeline). */
export type LoseRace = (at: Date, dropped: readonly PlannedEvent[]) => PlannedEvent[];

/** Where an accepted command's webhooks go: delivery's outbox (the root connects the two). */
export interface CommandOutbox {
  /** Queues a session's events behind any it already has. */
  send(session: string, events: PlannedEvent[]): void;
  /** Undefined when a command may go on at once; else resolves once delivery has capacity for its webhooks. */
  waitForCapacity(): Promise<void> | undefined;
}

export interface CommandPlan {
  envelope: DeferredOperation;
  /** The state the session is in once the command succeeds; unchanged when it does not. */
  nextState: SessionState;
  answeredAt: number | null;
  events: PlannedEvent[];
  /** Said in the log: e.g. an unknown cause cleared normally, as FreeSWITCH does. */
  notes: string[];
  /**
   * What the command sends instead of its webhooks still held when the call ended first (see
   * call-timeline): a `command.result` not yet sent becomes the spec's failure for a call that
   * is gone, at the moment the call ended; nothing else it held is sent.
   */
  lose: LoseRace;
}

export interface CommandRequest {
  entry: CommandEntry;
  session: Session;
  body: { command_uid?: string; cause?: string };
  result: ForcedResult;
  /** When it was accepted (its `requested_at`). */
  now: Date;
  /** When it is carried out: once the session's commands before it have completed (default `now`). */
  startAt?: Date;
}

/** Every command-caused event's facts in one object: it satisfies each webhook's facts. */
type CommandFacts = PayloadFacts['command.result'] & PayloadFacts['call.answered'] & PayloadFacts['call.hangup'];

const build = <Type extends WebhookEventType>(type: Type, facts: PayloadFacts[Type]): WebhookEventMap[Type] =>
  payloadBuilders[type](facts);

/** FreeSWITCH turns a cause name it does not know into NORMAL_CLEARING, silently (the API's hangup and the remote hang-up alike). */
export function clearedCause(model: SpecModel, asked: string | undefined, notes: string[]): HangupCause {
  const name = asked ?? model.defaultCause;
  if (Object.hasOwn(model.causeCodes, name)) return name as HangupCause;
  notes.push(`unknown cause ${name} cleared as ${model.defaultCause}, as FreeSWITCH does`);
  return model.defaultCause as HangupCause;
}

interface ScheduledWebhook {
  webhook: WebhookEventType;
  delayMs: number;
  status: CommandStatus;
}

/** When each of the command's webhooks goes out and with which status, given how it ends. */
function scheduleFor(entry: CommandEntry, result: ForcedResult): ScheduledWebhook[] {
  return entry.webhooks.flatMap(({ webhook, onTimeout, mockDelayMs }): ScheduledWebhook[] => {
    // The execute never completes: only the entry that fires on timeout is sent, at timeout_ms.
    if (result === 'timed-out') return onTimeout ? [{ webhook, delayMs: entry.timeoutMs, status: onTimeout }] : [];
    // A failed command changes nothing about the call: its result is the only webhook.
    if (result === 'failed')
      return webhook === 'command.result' ? [{ webhook, delayMs: mockDelayMs, status: 'failed' }] : [];
    return [{ webhook, delayMs: mockDelayMs, status: 'succeeded' }];
  });
}

// A schedule depends only on the command and how it ends: worked out once each.
const schedules = new WeakMap<CommandEntry, Map<ForcedResult, ScheduledWebhook[]>>();
function scheduleOf(entry: CommandEntry, result: ForcedResult): ScheduledWebhook[] {
  let byResult = schedules.get(entry);
  if (byResult === undefined) {
    byResult = new Map();
    schedules.set(entry, byResult);
  }
  let schedule = byResult.get(result);
  if (schedule === undefined) {
    schedule = scheduleFor(entry, result);
    byResult.set(result, schedule);
  }
  return schedule;
}

export function planCommand(model: SpecModel, request: CommandRequest): CommandPlan {
  const { entry, session, body, result, now, startAt = now } = request;
  const notes: string[] = [];
  const operationId = randomUUID();
  const cause = clearedCause(model, body.cause, notes);
  const base = {
    session,
    operationId,
    command: entry.command,
    commandUid: body.command_uid ?? randomUUID(),
    requestedAt: now,
    hangup: { cause, causeCode: model.causeCodes[cause]!, source: 'api' as const },
  };

  let answeredAt = session.answeredAt;
  const events = scheduleOf(entry, result).map(({ webhook, delayMs, status }): PlannedEvent => {
    const at = new Date(startAt.getTime() + delayMs);
    if (webhook === 'call.answered') answeredAt = at.getTime();
    // Written out, not spread: this runs for every event of every command.
    const facts: CommandFacts = {
      session: base.session,
      operationId: base.operationId,
      command: base.command,
      commandUid: base.commandUid,
      requestedAt: base.requestedAt,
      hangup: base.hangup,
      at,
      status,
    };
    if (status === 'failed') facts.error = model.failedCommandError;
    return { event: build(webhook, facts) as WebhookEvent, dueAt: at.getTime() };
  });

  const lose: LoseRace = (at, dropped) => {
    if (!dropped.some(({ event }) => event.type === 'command.result')) return [];
    const facts: PayloadFacts['command.result'] = { ...base, at, status: 'failed', error: model.failedCommandError };
    return [{ event: build('command.result', facts), dueAt: at.getTime() }];
  };
  const succeeded = result === 'succeeded';
  return {
    envelope: { operation_id: operationId, status: 'in_progress', timeout_ms: entry.timeoutMs },
    nextState: succeeded ? entry.to : session.state,
    answeredAt: succeeded ? answeredAt : session.answeredAt,
    events,
    notes,
    lose,
  };
}
