// One command on a live call, end to end: sent with a fresh command_uid, replayed at once, its
// webhooks awaited for as long as the contract allows (plus the margin) after the replay too,
// then the key reused with another body. Each rule is judged as its own case.
import type { ContractCommand } from '../contract.js';
import type { SendResult } from '../http-send.js';
import { resultOf, verdict, type CaseDefinition, type CaseResult } from '../report.js';
import type { Json } from '../spec-document.js';
import { judgeAccepted, summarize } from './accepted-answer.js';
import { commandBodies, freshKey, KEY_FIELD } from './command-bodies.js';
import { commandFlowCases, definedCases, KEY_REUSED_PROBLEM, type CommandFlowCases } from './command-flow-cases.js';
import { sendCommand } from './gateway-target.js';
import {
  firstAttempts,
  ruleResult,
  skipAll,
  typeOf,
  valueAt,
  webhookNamed,
  type CaseGroup,
  type GatewayContext,
} from './gateway-case.js';
import { describeAnswer, documentedProblem, problemMismatch } from './problem-answer.js';
import type { DeliveryAttempt } from './webhook-listener.js';

interface Sent {
  session: string;
  key: string | undefined;
  operationId: string;
  acceptedAt: number;
}

function judgeArrivals(
  context: GatewayContext,
  command: ContractCommand,
  cases: CommandFlowCases,
  sent: Sent,
): CaseResult {
  const arrived = firstAttempts(context.listener.forSession(sent.session));
  const expected = command.triggered;
  const lines = arrived.map(
    (attempt) => `${typeOf(attempt)} after ${Math.round(attempt.arrivedAt - sent.acceptedAt)} ms`,
  );
  const seen = `received ${lines.join(', ') || 'nothing'}`;
  const wrong = expected.flatMap(({ webhook, maxDelayMs }, index) => {
    const attempt = arrived[index];
    if (attempt === undefined) return [`no ${webhook} (${index + 1}.) within ${maxDelayMs} + ${context.marginMs} ms`];
    if (typeOf(attempt) !== webhook) return [`${typeOf(attempt)} where ${webhook} comes ${index + 1}.`];
    const late = attempt.arrivedAt - sent.acceptedAt - (maxDelayMs + context.marginMs);
    return late > 0 ? [`${webhook} ${Math.round(late)} ms after its bound`] : [];
  });
  return wrong.length === 0
    ? resultOf(cases.webhooks, 'passed', `${seen}.`)
    : resultOf(cases.webhooks, 'failed', `${seen}: ${wrong.join('; ')}.`);
}

function correlation(context: GatewayContext, command: ContractCommand, sent: Sent) {
  return (attempt: DeliveryAttempt): string | undefined => {
    const webhook = webhookNamed(context.contract, attempt.event?.type);
    if (webhook === undefined || attempt.event === undefined) return undefined; // the schema case says so
    const data = valueAt(attempt.event, webhook.sessionPath.slice(0, -1)) as Record<string, unknown> | undefined;
    const wrong: string[] = [];
    if (data?.operation_id !== undefined && data.operation_id !== sent.operationId)
      wrong.push(`operation_id ${JSON.stringify(data.operation_id)}, not ${sent.operationId}`);
    if (sent.key !== undefined && data?.[KEY_FIELD] !== undefined && data[KEY_FIELD] !== sent.key)
      wrong.push(`${KEY_FIELD} ${JSON.stringify(data[KEY_FIELD])}, not ${sent.key}`);
    for (const field of webhook.openSets.filter(({ known }) => known.includes(command.operationId))) {
      const value = valueAt(attempt.event, field.path);
      if (value !== command.operationId)
        wrong.push(`${field.name} ${JSON.stringify(value)}, not ${command.operationId}`);
    }
    return wrong.length === 0 ? undefined : wrong.join(', ');
  };
}

async function judgeKeyReuse(
  context: GatewayContext,
  command: ContractCommand,
  cases: CommandFlowCases,
  sent: Sent,
  original: Record<string, unknown>,
) {
  const definition = cases.keyReuse!;
  const other = commandBodies(context.contract, command).otherWithKey(sent.key!, original);
  const documented =
    other === undefined ? undefined : documentedProblem(context.contract, other.command, KEY_REUSED_PROBLEM);
  if (other === undefined || documented === undefined)
    return resultOf(definition, 'skipped', 'the contract has no other body to send under the same key');
  const answer = await sendCommand(context.target, other.command, sent.session, { body: JSON.stringify(other.body) });
  const happened = `sent ${other.command.operationId} ${JSON.stringify(other.body)} → ${describeAnswer(answer)}`;
  const mismatch = problemMismatch(context.contract, answer, documented);
  return mismatch === undefined
    ? resultOf(definition, 'passed', `${happened}.`)
    : resultOf(definition, 'failed', `${happened}: ${mismatch}.`);
}

interface FirstRequest {
  body: Json;
  key: string | undefined;
  result: CaseResult;
  sent: Sent | undefined;
}

/** The command on the live call, with a fresh command_uid when it takes one; its 202 judged. */
async function sendFirst(
  ctx: GatewayContext,
  command: ContractCommand,
  cases: CommandFlowCases,
  session: string,
): Promise<FirstRequest> {
  const bodies = commandBodies(ctx.contract, command);
  const key = bodies.keyed ? freshKey() : undefined;
  const body = key === undefined ? bodies.plain() : bodies.withKey(key);
  const answer = await sendCommand(ctx.target, command, session, { body: JSON.stringify(body) });
  const acceptedAt = performance.now();
  const accepted = judgeAccepted(ctx.contract, command, answer, false);
  const result = verdict(
    cases.accepted,
    `sent ${command.operationId} ${JSON.stringify(body)} on a live call → ${summarize(answer)}`,
    accepted.problem,
  );
  const sent =
    accepted.operationId === undefined ? undefined : { session, key, operationId: accepted.operationId, acceptedAt };
  return { body, key, result, sent };
}

function judgeReplay(
  ctx: GatewayContext,
  command: ContractCommand,
  definition: CaseDefinition,
  sent: Sent,
  replay: SendResult,
): CaseResult {
  const answer = judgeAccepted(ctx.contract, command, replay, true);
  const events = firstAttempts(ctx.listener.forSession(sent.session));
  const expected = command.triggered.length;
  const problem =
    answer.problem ??
    (answer.operationId === sent.operationId
      ? undefined
      : `operation_id ${answer.operationId}, not ${sent.operationId}`) ??
    (events.length > expected
      ? `a second set of webhooks: ${events.slice(expected).map(typeOf).join(', ')}`
      : undefined);
  return verdict(
    definition,
    `sent the same command_uid and body again → ${summarize(replay)}; ${events.length} webhooks in all`,
    problem,
  );
}

/** Waits for the command's webhooks within the contract's bounds, and as long again after the replay. */
async function awaitWebhooks(
  ctx: GatewayContext,
  command: ContractCommand,
  sent: Sent,
  replayedAt: number | undefined,
) {
  const longest = Math.max(...command.triggered.map(({ maxDelayMs }) => maxDelayMs)) + ctx.marginMs;
  const arrived = () => firstAttempts(ctx.listener.forSession(sent.session)).length >= command.triggered.length;
  await ctx.listener.until(arrived, sent.acceptedAt + longest);
  // A second set of webhooks, had the replay caused one, would come within the same bounds of it.
  if (replayedAt !== undefined) await ctx.listener.until(() => false, replayedAt + longest);
}

export function commandFlowGroup(
  context: { contract: GatewayContext['contract']; marginMs: number },
  command: ContractCommand,
): CaseGroup {
  const cases = commandFlowCases(context.contract, command, context.marginMs);
  const all = definedCases(cases);
  return {
    cases: all,
    async run(ctx) {
      const live = await ctx.sessions.take();
      if ('skipped' in live) return skipAll(all, live.skipped);
      ctx.driven.set(live.session, 'flow');
      const first = await sendFirst(ctx, command, cases, live.session);
      const results = new Map([[cases.accepted, first.result]]);
      const { sent } = first;
      if (sent === undefined)
        return all.map(
          (definition) =>
            results.get(definition) ??
            resultOf(definition, 'skipped', `the command was not accepted (see ${cases.accepted.id})`),
        );
      const replay =
        cases.replay === undefined
          ? undefined
          : await sendCommand(ctx.target, command, live.session, { body: JSON.stringify(first.body) });
      await awaitWebhooks(ctx, command, sent, replay === undefined ? undefined : performance.now());
      const attempts = ctx.listener.forSession(live.session);
      results.set(cases.webhooks, judgeArrivals(ctx, command, cases, sent));
      for (const [definition, rule] of [
        [cases.signature, ctx.checks.signature],
        [cases.schema, ctx.checks.schema],
        [cases.id, ctx.checks.id],
        [cases.timestamp, ctx.checks.timestamp],
      ] as const)
        results.set(definition, ruleResult(definition, attempts, rule));
      results.set(
        cases.correlation,
        ruleResult(cases.correlation, firstAttempts(attempts), correlation(ctx, command, sent)),
      );
      if (cases.replay !== undefined && replay !== undefined)
        results.set(cases.replay, judgeReplay(ctx, command, cases.replay, sent, replay));
      if (cases.keyReuse !== undefined)
        results.set(cases.keyReuse, await judgeKeyReuse(ctx, command, cases, sent, first.body));
      return all.map((definition) => results.get(definition)!);
    },
  };
}
