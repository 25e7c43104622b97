// The receiver battery: each case's deliveries sent in turn to the receiver's URL, each answer
// judged by the contract's rule — 2xx for what it must accept; for what it must refuse, any
// status but 2xx, where a 5xx passes with a warning and a redirect fails — and, over every
// delivery it must accept, the time it took to answer.
import { readContract, type Contract } from '../contract.js';
import { send, type SendResult } from '../http-send.js';
import { resultOf, toReport, type CaseDefinition, type CaseResult, type Report } from '../report.js';
import type { Json } from '../spec-document.js';
import { acceptedDeliveryCases } from './accepted-deliveries.js';
import type { Delivery } from './delivery.js';
import type { ReceiverCase, ReceiverContext } from './receiver-case.js';
import { refusedDeliveryCases } from './refused-deliveries.js';

export interface ReceiverCheckOptions {
  /** Where the receiver listens (`http://127.0.0.1:3000/webhooks`). */
  url: string;
  /** The receiver's `whsec_…` secret. */
  secret: string;
  /** The contract the cases come from; default `@call-control/spec`'s bundle. */
  spec?: Json;
}

interface Sent {
  delivery: Delivery;
  result: SendResult;
}

export const ANSWERED_IN_TIME_ID = 'receiver.answers-in-time';

/** Every receiver case of a contract, in the order they run. */
export function receiverCases(contract: Contract = readContract()): ReceiverCase[] {
  return [...acceptedDeliveryCases(contract), ...refusedDeliveryCases(contract)];
}

export function answeredInTimeCase(contract: Contract): CaseDefinition {
  const limit = contract.limits.webhookResponseTimeoutMs;
  return {
    id: ANSWERED_IN_TIME_ID,
    title: `every delivery it accepts is answered within ${limit} ms`,
    why: 'the gateway gives an attempt up after that long and retries it, so a slow receiver handles every event more than once',
    spec: '#/x-gateway-limits/webhook_response_timeout_ms',
  };
}

const answerOf = (result: SendResult) =>
  result.ok ? `${result.status} in ${Math.round(result.ms)} ms` : `no answer (${result.reason})`;
const happenedOf = (sent: Sent[]) =>
  `sent ${sent.map(({ delivery, result }) => `${delivery.label} → ${answerOf(result)}`).join('; ')}`;

function judge(test: ReceiverCase, sent: Sent[]): CaseResult {
  const happened = happenedOf(sent);
  const statuses = sent.map(({ result }) => (result.ok ? result.status : 0));
  if (statuses.includes(0)) return resultOf(test, 'failed', `${happened}: every delivery must get an HTTP answer.`);
  const redirects = statuses.filter((status) => status >= 300 && status < 400);
  if (redirects.length > 0)
    return resultOf(
      test,
      'failed',
      `${happened}: a redirect is neither an acceptance nor a refusal (the gateway does not follow it).`,
    );
  if (test.expect === 'accept') {
    return statuses.every((status) => status >= 200 && status < 300)
      ? resultOf(test, 'passed', `${happened}.`)
      : resultOf(test, 'failed', `${happened}: each must be answered 2xx.`);
  }
  if (statuses.some((status) => status >= 200 && status < 300))
    return resultOf(test, 'failed', `${happened}: each must be refused (any status but 2xx).`);
  return statuses.some((status) => status >= 500)
    ? resultOf(
        test,
        'passed',
        `${happened}.`,
        'a 5xx makes the gateway retry a delivery that will never verify; answer 4xx',
      )
    : resultOf(test, 'passed', `${happened}.`);
}

function judgeTiming(definition: CaseDefinition, sent: Sent[], limit: number): CaseResult {
  const slow = sent.filter(({ result }) => !result.ok || result.ms > limit);
  const slowest = Math.max(...sent.map(({ result }) => result.ms));
  if (slow.length === 0)
    return resultOf(
      definition,
      'passed',
      `${sent.length} deliveries answered; the slowest in ${Math.round(slowest)} ms (limit ${limit} ms).`,
    );
  return resultOf(definition, 'failed', `${happenedOf(slow)}: each must be answered within ${limit} ms.`);
}

/** Runs the receiver battery against `url`. Resolves with the report; throws only for a bad secret or contract. */
export async function checkReceiver({ url, secret, spec }: ReceiverCheckOptions): Promise<Report> {
  const contract = readContract(spec);
  const webhook = contract.webhooks[0]!;
  const context: ReceiverContext = { contract, secret, base: { webhook, example: webhook.examples[0]! } };
  const limit = contract.limits.webhookResponseTimeoutMs;
  const results: CaseResult[] = [];
  const accepted: Sent[] = [];
  for (const test of receiverCases(contract)) {
    const sent: Sent[] = [];
    for (const delivery of test.deliveries(context)) {
      const headers = { 'content-type': 'application/json', ...delivery.headers };
      // Twice the limit: a slow answer is still judged by its status here, and by its time below.
      sent.push({ delivery, result: await send({ url, headers, body: delivery.body, timeoutMs: 2 * limit }) });
    }
    if (test.expect === 'accept') accepted.push(...sent);
    results.push(judge(test, sent));
  }
  results.push(judgeTiming(answeredInTimeCase(contract), accepted, limit));
  return toReport(url, results);
}
