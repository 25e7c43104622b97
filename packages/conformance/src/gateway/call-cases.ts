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

function judgeCall(
  context: GatewayContext,
  definition: CaseDefinition,
  sessions: readonly string[],
  prefix: string,
): CaseResult {
  const kinds = callEvents(context.contract);
  const found = sessions.flatMap((session) => {
    const events = firstAttempts(context.listener.forSession(session)).flatMap(({ event }) =>
      event === undefined ? [] : [event],
    );
    return callContradictions(context.contract, kinds, events).map((problem) => `call ${session}: ${problem}`);
  });
  return found.length === 0
    ? resultOf(definition, 'passed', `${prefix}.`)
    : resultOf(definition, 'failed', `${prefix}: ${found.join('; ')}.`);
}

/**
 * When each race trial sends the call's end: 100 ms down to 0 ms after the command's answer, and
 * last 1 ms behind the command (both in flight) — so the end lands at several points while the
 * command's webhooks are still due, wherever the target's window is. Each trial has a call of
 * its own; the shortest come last, when the connections are warm.
 */
const RACE_TRIALS: readonly (number | undefined)[] = [100, 50, 20, 10, 5, 2, 0, undefined];
const trialLabel = (afterMs: number | undefined) =>
  afterMs === undefined ? '1 ms behind it' : `${afterMs} ms after its answer`;

interface Trial {
  session: string;
  line: string;
  /** When the provocation was done: the webhooks are judged once the contract's bounds have passed since. */
  sentAt: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function provoke(
  ctx: GatewayContext,
  command: ContractCommand,
  session: string,
  afterMs: number | undefined,
): Promise<Trial> {
  const body = JSON.stringify(commandBodies(ctx.contract, command).plain());
  const sending = sendCommand(ctx.target, command, session, { body });
  if (afterMs === undefined) await pause(1);
  else {
    await sending;
    if (afterMs > 0) await pause(afterMs);
  }
  const [answer] = await Promise.all([sending, ctx.sessions.endCall(session)]);
  const how = ctx.sessions.kind === 'control-plane' ? 'a remote hang-up' : 'the command that ends calls';
  return {
    session,
    line: `${how} ${trialLabel(afterMs)} (${command.operationId} → ${answer.ok ? answer.status : answer.reason})`,
    sentAt: performance.now(),
  };
}

export function raceGroup(command: ContractCommand): CaseGroup {
  const definition: CaseDefinition = {
    id: `gateway.${command.operationId}.race-with-call-end`,
    title: `the call ends while ${command.operationId} is being carried out: its webhooks still agree (one end, nothing answered after it, times in order)`,
    why: WHY,
    spec: INVARIANT_SPEC,
  };
  let trials: Trial[] | string | undefined;
  /** As many trials as there are calls for, at least one (a --session list may be short). */
  const makeTrials = async (ctx: GatewayContext): Promise<Trial[] | string> => {
    const made: Trial[] = [];
    for (const afterMs of RACE_TRIALS) {
      const live = await ctx.sessions.take();
      if ('skipped' in live) return made.length === 0 ? live.skipped : made;
      ctx.driven.set(live.session, 'race');
      made.push(await provoke(ctx, command, live.session, afterMs));
    }
    return made;
  };
  return {
    cases: [definition],
    // Last to take a --session call: the races get what the other cases leave.
    rank: 3,
    // On the control plane, before the other groups start, one trial after the other, so no
    // other traffic moves the timing; given calls are the other cases' first.
    async prepare(ctx) {
      if (ctx.sessions.kind === 'control-plane') trials = await makeTrials(ctx);
    },
    async run(ctx) {
      trials ??= await makeTrials(ctx);
      if (typeof trials === 'string') return skipAll([definition], trials);
      return [await judgeTrials(ctx, definition, trials)];
    },
  };
}

async function judgeTrials(ctx: GatewayContext, definition: CaseDefinition, trials: Trial[]): Promise<CaseResult> {
  const kinds = callEvents(ctx.contract);
  const bound =
    Math.max(...ctx.contract.commands.flatMap(({ triggered }) => triggered.map(({ maxDelayMs }) => maxDelayMs))) +
    ctx.marginMs;
  // Whatever the command and the end cause comes within the contract's bounds of them.
  await ctx.listener.until(() => false, Math.max(...trials.map(({ sentAt }) => sentAt)) + bound);
  const judged = trials.map(({ session, line }) => {
    const attempts = firstAttempts(ctx.listener.forSession(session));
    const events = attempts.flatMap(({ event }) => (event === undefined ? [] : [event]));
    const wrong = callContradictions(ctx.contract, kinds, events);
    if (!attempts.some((attempt) => kinds.ending.has(typeOf(attempt))))
      wrong.push(`no ${[...kinds.ending].join(' or ')} within ${bound} ms`);
    return { line: `${line}: received ${attempts.map(typeOf).join(', ') || 'nothing'}`, wrong };
  });
  const failures = judged.filter(({ wrong }) => wrong.length > 0);
  if (failures.length === 0) return resultOf(definition, 'passed', `${judged.map(({ line }) => line).join('; ')}.`);
  const failing = failures.map(({ line, wrong }) => `${line}, which contradict: ${wrong.join('; ')}`).join('; ');
  return resultOf(
    definition,
    'failed',
    `${judged.length - failures.length} of ${judged.length} trials agreed; ${failing}.`,
  );
}

export const CONSISTENCY_CASE: CaseDefinition = {
  id: 'gateway.call-consistency',
  title:
    'the webhooks of every call the run drove agree with each other (events and times in order, durations right, one end, nothing answered after it)',
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
