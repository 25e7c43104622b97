// What the gateway cases share: the run's context (the target, the checker's webhook listener,
// where live calls come from, the delivery checks, the timing margin) and a group of cases that
// run together because they share a call.
import type { Contract, ContractWebhook } from '../contract.js';
import { resultOf, type CaseDefinition, type CaseResult } from '../report.js';
import type { DeliveryChecks } from './delivery-checks.js';
import type { GatewayTarget } from './gateway-target.js';
import type { LiveSessions } from './live-sessions.js';
import type { DeliveryAttempt, WebhookListener } from './webhook-listener.js';

export interface GatewayContext {
  contract: Contract;
  target: GatewayTarget;
  listener: WebhookListener;
  sessions: LiveSessions;
  checks: DeliveryChecks;
  secret: string;
  /** Added to every bound the contract gives a webhook's arrival: network and scheduling. */
  marginMs: number;
  /** Multiplies the retry schedule (and `Retry-After`) the retry cases expect. */
  scheduleScale: number;
  /** The calls the run drove, by purpose, for the consistency case. */
  driven: Map<string, 'flow' | 'race' | 'retry'>;
  /** A call that has ended (its teardown webhook arrived), made once per run; or why there is none. */
  endedCall(): Promise<{ session: string } | { skipped: string }>;
}

export interface CaseGroup {
  cases: CaseDefinition[];
  /** When live calls are few (a --session list), lower ranks take theirs first; default 0. */
  rank?: number;
  /** Run first, group after group, before any group runs (for work that other traffic would disturb). */
  prepare?(context: GatewayContext): Promise<void>;
  /** One result for each of `cases`, in order. */
  run(context: GatewayContext): Promise<CaseResult[]>;
}

export const skipAll = (cases: readonly CaseDefinition[], reason: string): CaseResult[] =>
  cases.map((definition) => resultOf(definition, 'skipped', reason));

/** The value at a path of tokens, if there is one. */
export function valueAt(value: unknown, path: readonly string[]): unknown {
  let node = value;
  for (const token of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

export const webhookNamed = (contract: Contract, type: unknown): ContractWebhook | undefined =>
  contract.webhooks.find(({ name }) => name === type);

/** The session an event names, where its webhook keeps it (the first webhook's place for a type the contract lacks). */
export const sessionOfEvent = (contract: Contract) => (event: Record<string, unknown>) => {
  const path = (webhookNamed(contract, event.type) ?? contract.webhooks[0]!).sessionPath;
  const session = valueAt(event, path);
  return typeof session === 'string' ? session.toLowerCase() : undefined;
};

/** Each event once (its first attempt), in the order they first arrived. */
export function firstAttempts(attempts: readonly DeliveryAttempt[]): DeliveryAttempt[] {
  const seen = new Set<string | undefined>();
  return attempts.filter((attempt) => {
    const key = attempt.webhookId ?? `#${attempt.seq}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export const typeOf = (attempt: DeliveryAttempt) => String(attempt.event?.type ?? '(not JSON)');

/** The failures of a rule over attempts, as one case's result. */
export function ruleResult(
  definition: CaseDefinition,
  attempts: readonly DeliveryAttempt[],
  rule: (attempt: DeliveryAttempt) => string | undefined,
): CaseResult {
  if (attempts.length === 0) return resultOf(definition, 'skipped', 'no webhook arrived to check');
  const failures = attempts.flatMap((attempt) => {
    const problem = rule(attempt);
    return problem === undefined ? [] : [`${typeOf(attempt)} ${attempt.webhookId ?? ''}: ${problem}`];
  });
  const seen = `received ${attempts.map(typeOf).join(', ')}`;
  return failures.length === 0
    ? resultOf(definition, 'passed', `${seen}.`)
    : resultOf(definition, 'failed', `${seen}; ${failures.join('; ')}.`);
}
