// The command table, the one home of the state machine: every command of the spec has its
// entry, with the timing the spec states, and the transitions say what each state allows.
import { describe, expect, it } from 'vitest';
import {
  checkTransition,
  createCommandTable,
  FINAL_STATE,
  INITIAL_STATE,
  REMOTE_HANGUP,
  type SessionState,
  type Transition,
} from '../../src/commands/command-table.js';
import { loadSpecModel } from '../../src/common/spec-model.js';
import { spec } from '../support/spec.js';

const model = loadSpecModel();
const table = createCommandTable(model);
const specCommands = Object.entries<{
  post: {
    operationId: string;
    'x-webhooks-triggered': { timeout_ms: number; webhooks: { webhook: string; on_timeout?: string }[] };
  };
}>(spec.paths);

describe('createCommandTable', () => {
  it('has exactly one entry per operation of the spec, on its path', () => {
    expect([...table.values()].map(({ command, path }) => [command, path]).sort()).toEqual(
      specCommands.map(([path, item]) => [item.post.operationId, path]).sort(),
    );
  });

  it.each(specCommands.map(([, item]) => [item.post.operationId, item.post['x-webhooks-triggered']] as const))(
    '%s: timeout, webhooks and whether it can time out come from x-webhooks-triggered',
    (command, timing) => {
      const entry = table.get(command as never)!;
      expect(entry.timeoutMs).toBe(timing.timeout_ms);
      expect(entry.webhooks.map(({ webhook }) => webhook)).toEqual(timing.webhooks.map(({ webhook }) => webhook));
      expect(entry.canTimeOut).toBe(timing.webhooks.some((webhook) => webhook.on_timeout !== undefined));
    },
  );

  it('refuses a spec with a command the table has no entry for', () => {
    const withMore = {
      ...model,
      commands: new Map([...model.commands, ['added_by_this_test' as never, model.commands.get('answer')!]]),
    };
    expect(() => createCommandTable(withMore)).toThrow(
      "the command table has no entry for the spec's command added_by_this_test",
    );
  });
});

/** Why a transition is refused in a state, or undefined when it is allowed. */
const refusal = (transition: Transition, state: SessionState) => {
  const checked = checkTransition(transition, state);
  return checked.ok ? undefined : checked.reason;
};

describe('the state machine', () => {
  const states: SessionState[] = ['ringing', 'answered', 'ended'];
  it.each<[string, { command: string; allowed: Record<SessionState, ReturnType<typeof refusal>>; to: SessionState }]>([
    [
      'answer rings only a ringing call',
      { command: 'answer', allowed: { ringing: undefined, answered: 'wrong-state', ended: 'gone' }, to: 'answered' },
    ],
    [
      'hangup ends any live call',
      { command: 'hangup', allowed: { ringing: undefined, answered: undefined, ended: 'gone' }, to: 'ended' },
    ],
    [
      'disconnect ends any live call',
      { command: 'disconnect', allowed: { ringing: undefined, answered: undefined, ended: 'gone' }, to: 'ended' },
    ],
  ])('%s', (_name, { command, allowed, to }) => {
    const entry = table.get(command as never)!;
    expect(Object.fromEntries(states.map((state) => [state, refusal(entry, state)]))).toEqual(allowed);
    expect(entry.to).toBe(to);
  });

  it('a new session rings; the final state is gone for every command and for a remote hang-up', () => {
    expect(INITIAL_STATE).toBe('ringing');
    for (const entry of table.values()) expect(refusal(entry, FINAL_STATE)).toBe('gone');
    expect(refusal(REMOTE_HANGUP, FINAL_STATE)).toBe('gone');
    expect([refusal(REMOTE_HANGUP, 'ringing'), refusal(REMOTE_HANGUP, 'answered'), REMOTE_HANGUP.to]).toEqual([
      undefined,
      undefined,
      'ended',
    ]);
  });
});
