// The gateway battery: the checker listens for webhooks on `listen`, finds where live calls come
// from, then runs each command's cases (on a call of its own), its error cases, the retry and
// race cases, and last the consistency of every call it drove — all against `baseUrl` only.
import { readContract, type Contract } from '../contract.js';
import { toReport, type CaseDefinition, type Report } from '../report.js';
import { CONSISTENCY_CASE, judgeConsistency, raceGroup } from './call-cases.js';
import type { Json } from '../spec-document.js';
import { commandErrorGroup } from './command-errors.js';
import { commandFlowGroup } from './command-flow.js';
import { deliveryChecks } from './delivery-checks.js';
import { sessionOfEvent, type CaseGroup, type GatewayContext } from './gateway-case.js';
import { createGatewayTarget } from './gateway-target.js';
import { findLiveSessions } from './live-sessions.js';
import { retryGroup } from './retry-cases.js';
import { startWebhookListener, type WebhookListener } from './webhook-listener.js';

export interface GatewayCheckOptions {
  baseUrl: string;
  appId: string;
  apiKey: string;
  /** The `whsec_…` secret the gateway signs its webhooks with. */
  webhookSecret: string;
  /** Where the checker receives the webhooks: the gateway must deliver there. */
  listen: { host: string; port: number };
  /** Live calls placed for the test (a real gateway), used in order, each once. */
  sessions?: readonly string[];
  /** Multiplies the retry schedule the retry cases expect (a mock started with `--retry-scale`); default 1. */
  scheduleScale?: number;
  /** Added to every bound the contract gives a webhook's arrival; default 1000 ms. */
  marginMs?: number;
  spec?: Json;
}

export const DEFAULT_MARGIN_MS = 1_000;

export function gatewayGroups(context: Pick<GatewayContext, 'contract' | 'marginMs'>): CaseGroup[] {
  return [
    ...context.contract.commands.flatMap((command) => [
      commandFlowGroup(context, command),
      commandErrorGroup(context, command),
      raceGroup(command),
    ]),
    retryGroup(context),
  ];
}

/** Every gateway case of a contract, in the order the report lists them. */
export function gatewayCases(contract: Contract = readContract(), marginMs = DEFAULT_MARGIN_MS): CaseDefinition[] {
  return [...gatewayGroups({ contract, marginMs }).flatMap(({ cases }) => cases), CONSISTENCY_CASE];
}

/** The run's context on a listening webhook receiver: the target, where calls come from, the checks. */
export async function createGatewayContext(
  options: GatewayCheckOptions,
  listener: WebhookListener,
): Promise<GatewayContext> {
  const contract = readContract(options.spec);
  const target = createGatewayTarget(contract, options.baseUrl, options);
  const sessions = await findLiveSessions(
    target,
    (options.sessions ?? []).map((uuid) => uuid.toLowerCase()),
  );
  let ended: ReturnType<GatewayContext['endedCall']> | undefined;
  const context: GatewayContext = {
    contract,
    target,
    listener,
    sessions,
    checks: deliveryChecks(contract, options.webhookSecret),
    secret: options.webhookSecret,
    marginMs: options.marginMs ?? DEFAULT_MARGIN_MS,
    scheduleScale: options.scheduleScale ?? 1,
    driven: new Map(),
    endedCall: () => {
      ended ??= endCall(context);
      return ended;
    },
  };
  return context;
}

/** Runs the gateway battery. Resolves with the report; rejects when `listen` cannot be listened on. */
export async function checkGateway(options: GatewayCheckOptions): Promise<Report> {
  const contract = readContract(options.spec);
  const listener = await startWebhookListener(options.listen.host, options.listen.port, sessionOfEvent(contract));
  try {
    const context = await createGatewayContext(options, listener);
    const groups = gatewayGroups(context);
    for (const group of groups) await group.prepare?.(context);
    // Started by rank (each takes its first call as it starts), reported in the listing's order.
    const started = new Map(
      [...groups].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0)).map((group) => [group, group.run(context)]),
    );
    const results = await Promise.all(groups.map((group) => started.get(group)!));
    return toReport(context.target.baseUrl, [...results.flat(), judgeConsistency(context)]);
  } finally {
    await listener.close();
  }
}

async function endCall(context: GatewayContext): Promise<{ session: string } | { skipped: string }> {
  const live = await context.sessions.take();
  if ('skipped' in live) return live;
  const teardown = new Set(
    context.contract.commands.flatMap(({ triggered }) => triggered.filter(({ trigger }) => trigger === 'teardown')),
  );
  const bound = Math.max(0, ...[...teardown].map(({ maxDelayMs }) => maxDelayMs)) + context.marginMs;
  const names = new Set([...teardown].map(({ webhook }) => webhook));
  await context.sessions.endCall(live.session);
  const done = await context.listener.until(
    () => context.listener.forSession(live.session).some((attempt) => names.has(String(attempt.event?.type))),
    performance.now() + bound,
  );
  return done
    ? live
    : {
        skipped: `the call ${live.session} was ended, but no ${[...names].join(' or ')} for it arrived within ${bound} ms`,
      };
}
