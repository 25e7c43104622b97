// The session state machine, in one place: which states a session has, which commands each
// state allows, where each command takes the session, and — from the spec — whether it can
// time out and which webhooks it triggers. Keyed by the spec's operation IDs, so a command
// added to the spec fails to compile here until it has its one entry.
import type { CommandOperationId } from '@call-control/types';
import { type Outcome, PASSED, refuse } from '../common/outcome.js';
import type { SpecModel, TimedWebhook } from '../common/spec-model.js';

export type SessionState = 'ringing' | 'answered' | 'ended';

/** An unknown session UUID is an inbound call that is ringing. */
export const INITIAL_STATE: SessionState = 'ringing';
/** A session in this state is gone: every command on it finds no session (404). */
export const FINAL_STATE: SessionState = 'ended';

export interface Transition {
  /** The states it is allowed in; in any other live state it is a 409. */
  from: readonly SessionState[];
  /** Where it takes the session when it succeeds. */
  to: SessionState;
}

const LIVE: readonly SessionState[] = ['ringing', 'answered'];

/** What each command does to a session: the one hand-written entry per command. */
const COMMAND_TRANSITIONS: Record<CommandOperationId, Transition> = {
  answer: { from: ['ringing'], to: 'answered' },
  hangup: { from: LIVE, to: 'ended' },
  disconnect: { from: LIVE, to: 'ended' },
};

/** The remote party hanging up (the mock's control plane causes it). */
export const REMOTE_HANGUP: Transition = { from: LIVE, to: 'ended' };

export interface CommandEntry extends Transition {
  command: CommandOperationId;
  /** The path template the command is served on. */
  path: string;
  /** The envelope's `timeout_ms`. */
  timeoutMs: number;
  /** Whether a webhook of its timing fires on timeout (only then can it time out). */
  canTimeOut: boolean;
  /** In the order they are sent. */
  webhooks: TimedWebhook[];
}

export type CommandTable = ReadonlyMap<CommandOperationId, CommandEntry>;

export function createCommandTable(model: SpecModel): CommandTable {
  const table = new Map<CommandOperationId, CommandEntry>();
  for (const [command, timing] of model.commands) {
    const transition = COMMAND_TRANSITIONS[command];
    if (transition === undefined) throw new Error(`the command table has no entry for the spec's command ${command}`);
    table.set(command, {
      command,
      ...transition,
      path: timing.path,
      timeoutMs: timing.timeoutMs,
      canTimeOut: timing.webhooks.some((entry) => entry.onTimeout !== undefined),
      webhooks: timing.webhooks,
    });
  }
  return table;
}

/** Whether a transition is allowed in this state; refused as `gone` (404) or `wrong-state` (409). */
export function checkTransition(
  transition: Transition,
  state: SessionState,
): Outcome<undefined, 'gone' | 'wrong-state'> {
  if (state === FINAL_STATE) return refuse('gone');
  return transition.from.includes(state) ? PASSED : refuse('wrong-state');
}
