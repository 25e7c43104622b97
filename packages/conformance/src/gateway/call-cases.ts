// The cases about whole calls: a command and the call's end at the same moment (the far end
// hanging up, on the mock's control plane; else the command that ends calls) must still give
// webhooks that agree with each other; and, last, every call the run drove must.
import type { ContractCommand } from '../contract.js';
import { resultOf, type CaseDefinition, type CaseResult } from '../report.js';
import { callContradictions, callEvents, INVARIANT_SPEC } from './call-invariants.js';
import { commandBodies } from './command-bodies.js';
import { sendCommand } from './gateway-target.js';
import { firstAttempts, skipAll, typeOf, type CaseGroup, type GatewayContext } from './gateway-case.js';

const WHY =
  'receivers keep a call’s state from its events; contradicting ones (answered after hung up, an end before its answer, two ends) leave it wrong';

function judgeCall(context: GatewayContext, definition: CaseDefinition, sessions: readonly string[], prefix: string): CaseResult {
  const kinds = callEvents(context.contract);
  const found = sessions.flatMap((session) => {
    const events = firstAttempts(context.listener.forSession(session)).flatMap(({ event }) => (event === undefined ? [] : [event]));
    return callContradictions(context.contract, kinds, events).map((problem) => `call ${session}: ${problem}`);
  });
  return found.length === 0 ? resultOf(definition, 'passed', `${prefix}.`) : resultOf(definition, 'failed', `${prefix}: ${found.join('; ')}.`);
}

export function raceGroup(context: Pick<GatewayContext, 'contract'>, command: ContractCommand): CaseGroup {
  const definition: CaseDefinition = {
    id: `gateway.${command.operationId}.race-with-call-end`,
    title: `the call ends while ${command.operationId} is being carried out: its webhooks still agree (one end, nothing answered after it, times in order)`,
    why: WHY,
    spec: INVARIANT_SPEC,
  };
  return {
    cases: [definition],
    async run(ctx) {
      const live = await ctx.sessions.take();
      if ('skipped' in live) return skipAll([definition], live.skipped);
      ctx.driven.set(live.session, 'race');
      const { ending } = callEvents(ctx.contract);
      const body = JSON.stringify(commandBodies(ctx.contract, command).plain());
      // The end is sent right behind the command, to arrive while what the command set going is under way.
      const sending = sendCommand(ctx.target, command, live.session, { body });
      await new Promise((resolve) => setTimeout(resolve, 1));
      const [answer] = await Promise.all([sending, ctx.sessions.endCall(live.session)]);
      const sentAt = performance.now();
      const bound = Math.max(...ctx.contract.commands.flatMap(({ triggered }) => triggered.map(({ maxDelayMs }) => maxDelayMs))) + ctx.marginMs;
      const ended = () => ctx.listener.forSession(live.session).some((attempt) => ending.has(typeOf(attempt)));
      await ctx.listener.until(ended, sentAt + bound);
      // Whatever else the command causes comes within its own bounds.
      await ctx.listener.until(() => false, sentAt + bound);
      const how = ctx.sessions.kind === 'control-plane' ? 'a remote hang-up' : 'the command that ends calls';
      const seen = firstAttempts(ctx.listener.forSession(live.session)).map(typeOf).join(', ') || 'nothing';
      const prefix = `sent ${command.operationId} (→ ${answer.ok ? answer.status : answer.reason}) and, 1 ms behind it, ${how}; received ${seen}`;
      if (!ended()) return [resultOf(definition, 'failed', `${prefix}: the call ended, but no ${[...ending].join(' or ')} arrived within ${bound} ms.`)];
      return [judgeCall(ctx, definition, [live.session], prefix)];
    },
  };
}

export const CONSISTENCY_CASE: CaseDefinition = {
  id: 'gateway.call-consistency',
  title: 'the webhooks of every call the run drove agree with each other (events and times in order, durations right, one end, nothing answered after it)',
  why: WHY,
  spec: INVARIANT_SPEC,
};

/** Judged last, over the calls the other cases drove (the race cases judge their own). */
export function judgeConsistency(context: GatewayContext): CaseResult {
  const sessions = [...context.driven].filter(([, purpose]) => purpose !== 'race').map(([session]) => session);
  if (sessions.length === 0) return resultOf(CONSISTENCY_CASE, 'skipped', 'no call was driven (no live calls)');
  const events = sessions.reduce((sum, session) => sum + firstAttempts(context.listener.forSession(session)).length, 0);
  return judgeCall(context, CONSISTENCY_CASE, sessions, `${events} webhooks over ${sessions.length} calls`);
}
