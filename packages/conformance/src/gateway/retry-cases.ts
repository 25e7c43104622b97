// Retries: the checker's receiver answers a call's first delivery with a 500 (and, in the other
// case, with a 503 and Retry-After), and the same delivery must come again — same webhook-id,
// same body bytes, signed anew for its own timestamp — no sooner than the contract's schedule
// says (scaled by `--schedule-scale` for a mock started with `--retry-scale`).
import type { Contract } from '../contract.js';
import { resultOf, type CaseDefinition, type CaseResult } from '../report.js';
import { commandBodies } from './command-bodies.js';
import { timestampOf } from './delivery-checks.js';
import { sendCommand } from './gateway-target.js';
import { skipAll, typeOf, type CaseGroup, type GatewayContext } from './gateway-case.js';
import type { DeliveryAttempt } from './webhook-listener.js';

interface RetryCase {
  definition: CaseDefinition;
  status: number;
  retryAfterS: number | undefined;
  /** The least wait the contract allows before the retry, in seconds of the real schedule. */
  waitS: number;
}

export function retryCases(contract: Contract): RetryCase[] {
  const schedule = contract.limits.webhookRetryScheduleS;
  const step = schedule[1] ?? schedule[0] ?? 0;
  const statuses = contract.limits.webhookRetryAfterStatuses;
  const busy = statuses.includes(503) ? 503 : statuses[0];
  // Longer than the step, so a gateway that ignores it is seen; no longer than the step after.
  const retryAfterS = Math.max(1, Math.min(2 * step, schedule[2] ?? 2 * step));
  const cases: RetryCase[] = [
    {
      definition: {
        id: 'gateway.retry-500',
        title: `a delivery answered 500 comes again — same webhook-id, same body, signed anew — no sooner than the schedule's ${step} s`,
        why: 'receivers deduplicate on webhook-id and verify the raw body: a retry with a new id is handled twice, one with another body or an old signature is refused',
        spec: '#/x-gateway-limits/webhook_retry_schedule_s',
      },
      status: 500,
      retryAfterS: undefined,
      waitS: step,
    },
  ];
  if (busy !== undefined)
    cases.push({
      definition: {
        id: `gateway.retry-after-${busy}`,
        title: `a delivery answered ${busy} with Retry-After: ${retryAfterS} comes again, the same, no sooner than ${Math.max(step, retryAfterS)} s`,
        why: 'a receiver that is overloaded asks for time; a gateway that retries sooner adds to the load it was asked to spare',
        spec: '#/x-gateway-limits/webhook_retry_after_statuses',
      },
      status: busy,
      retryAfterS,
      waitS: Math.max(step, retryAfterS),
    });
  return cases;
}

function judgeRetry(
  context: GatewayContext,
  test: RetryCase,
  first: DeliveryAttempt,
  retry: DeliveryAttempt | undefined,
  waitMs: number,
): CaseResult {
  const answered = `answered ${typeOf(first)} ${first.webhookId} with ${test.status}${test.retryAfterS === undefined ? '' : ` and Retry-After: ${test.retryAfterS}`}`;
  if (retry === undefined) return resultOf(test.definition, 'failed', `${answered}: it did not come again.`);
  const delay = retry.arrivedAt - first.answeredAt;
  const seen = `${answered}; it came again after ${Math.round(delay)} ms (least allowed ${Math.round(waitMs)} ms)`;
  const gap = (timestampOf(retry) ?? 0) - (timestampOf(first) ?? 0);
  const wrong = [
    retry.body !== first.body ? 'with another body' : undefined,
    delay < waitMs ? 'sooner than the schedule allows' : undefined,
    context.checks.signature(retry),
    // Signed when sent: its timestamp moved on with the clock (a second's rounding either side).
    gap < Math.floor(delay / 1000) - 1
      ? `with the first attempt's webhook-timestamp (${gap} s later after ${Math.round(delay / 1000)} s)`
      : undefined,
  ].filter((problem) => problem !== undefined);
  return wrong.length === 0
    ? resultOf(test.definition, 'passed', `${seen}.`)
    : resultOf(test.definition, 'failed', `${seen}: ${wrong.join('; ')}.`);
}

async function runRetry(context: GatewayContext, test: RetryCase): Promise<CaseResult> {
  const live = await context.sessions.take();
  if ('skipped' in live) return skipAll([test.definition], live.skipped)[0]!;
  context.driven.set(live.session, 'retry');
  const headers = test.retryAfterS === undefined ? undefined : { 'retry-after': String(test.retryAfterS) };
  context.listener.script(live.session, (_attempt, earlier) =>
    earlier.length === 0 ? { status: test.status, headers } : undefined,
  );
  const command = context.contract.commands[0]!;
  await sendCommand(context.target, command, live.session, {
    body: JSON.stringify(commandBodies(context.contract, command).plain()),
  });
  const sentAt = performance.now();
  const waitMs = test.waitS * 1000 * context.scheduleScale;
  const deadline = sentAt + command.triggered[0]!.maxDelayMs + waitMs + 2 * context.marginMs;
  const attempts = () => context.listener.forSession(live.session);
  await context.listener.until(() => attempts().length > 0, deadline);
  const first = attempts()[0];
  if (first === undefined)
    return resultOf(
      test.definition,
      'failed',
      `sent ${command.operationId}; no webhook arrived to answer ${test.status}.`,
    );
  const again = () => attempts().find((attempt) => attempt !== first && attempt.webhookId === first.webhookId);
  await context.listener.until(() => again() !== undefined, deadline);
  return judgeRetry(context, test, first, again(), waitMs);
}

export function retryGroup(context: Pick<GatewayContext, 'contract'>): CaseGroup {
  const cases = retryCases(context.contract);
  return {
    cases: cases.map(({ definition }) => definition),
    rank: 2,
    run: (ctx) => Promise.all(cases.map((test) => runRetry(ctx, test))),
  };
}
