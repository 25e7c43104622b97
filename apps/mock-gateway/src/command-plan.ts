// What a command does once it is accepted: its 202 envelope, the session's next state, and
// the webhooks it triggers — when and in what order, taken only from the spec's
// `x-webhooks-triggered` (nothing about timing is written here).
import { randomUUID } from 'node:crypto';
import type { CommandOperationId, DeferredOperation, HangupCause, WebhookEvent } from '@call-control/types';
import { eventBuilders, type EventFacts } from './events.js';
import type { Scenario } from './scenarios.js';
import type { Session, SessionState } from './sessions.js';
import type { SpecModel } from './spec-model.js';

export interface PlannedEvent {
  event: WebhookEvent;
  /** When to send it (epoch ms). */
  dueAt: number;
}

export interface CommandPlan {
  envelope: DeferredOperation;
  /** The state the session is in once the command succeeds; unchanged when it fails. */
  nextState: SessionState;
  answeredAt: Date | null;
  events: PlannedEvent[];
  /** Said in the log: e.g. an unknown cause cleared normally, as FreeSWITCH does. */
  notes: string[];
}

/** Where each command of the spec takes a session: a command added to the spec fails to compile here. */
const STATE_AFTER: Record<CommandOperationId, SessionState> = { answer: 'answered', hangup: 'ended', disconnect: 'ended' };

/** Whether the command's timing names a webhook that fires on timeout (only then can it time out). */
export const canTimeOut = (model: SpecModel, command: CommandOperationId) =>
  model.commands.get(command)!.webhooks.some((entry) => entry.onTimeout !== undefined);

export function planCommand(
  model: SpecModel,
  { command, session, body, scenario, now }: {
    command: CommandOperationId;
    session: Session;
    body: { command_uid?: string; cause?: string };
    scenario: Scenario;
    now: Date;
  },
): CommandPlan {
  const timing = model.commands.get(command)!;
  const notes: string[] = [];
  const operationId = randomUUID();
  const commandUid = body.command_uid ?? randomUUID();

  // FreeSWITCH turns a cause name it does not know into NORMAL_CLEARING, silently.
  const asked = body.cause ?? model.defaultCause;
  const cause = (Object.hasOwn(model.causeCodes, asked) ? asked : model.defaultCause) as HangupCause;
  if (cause !== asked) notes.push(`unknown cause ${asked} cleared as ${cause}, as FreeSWITCH does`);

  const at = (delayMs: number) => new Date(now.getTime() + delayMs);
  const facts = (delayMs: number, status: EventFacts['status']): EventFacts => ({
    session,
    at: at(delayMs),
    operationId,
    command,
    commandUid,
    requestedAt: now,
    status,
    ...(status === 'failed' ? { error: model.failedCommandError } : {}),
    hangup: { cause, causeCode: model.causeCodes[cause]!, source: 'api' },
  });

  const events: PlannedEvent[] = [];
  let answeredAt: Date | null = session.answeredAt;
  for (const entry of timing.webhooks) {
    let delayMs: number;
    let status: EventFacts['status'] = 'succeeded';
    if (scenario.result === 'timed-out') {
      // The execute never completes: only the entry that fires on timeout is sent, at timeout_ms.
      if (entry.onTimeout === undefined) continue;
      delayMs = timing.timeoutMs;
      status = entry.onTimeout;
    } else if (scenario.result === 'failed') {
      // A failed command changes nothing about the call: its result is the only webhook.
      if (entry.webhook !== 'command.result') continue;
      delayMs = entry.mockDelayMs;
      status = 'failed';
    } else {
      delayMs = entry.mockDelayMs;
      if (entry.webhook === 'call.answered') answeredAt = at(delayMs);
    }
    const event = eventBuilders[entry.webhook](facts(delayMs, status)) as WebhookEvent;
    events.push({ event, dueAt: now.getTime() + delayMs });
  }

  const succeeded = scenario.result === 'succeeded';
  return {
    envelope: { operation_id: operationId, status: 'in_progress', timeout_ms: timing.timeoutMs },
    nextState: succeeded ? STATE_AFTER[command] : session.state,
    answeredAt: succeeded ? answeredAt : session.answeredAt,
    events,
    notes,
  };
}
