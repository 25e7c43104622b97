// Running an admitted command, as the gateway would: the scenario the caller forced, the
// idempotency key, the session's state (the command table says what is allowed), then the
// plan — the 202 and the webhooks that follow. The key claimed at the start is completed
// with the 202 or released when the command is refused, in one place.
import type { AdmittedCommand } from './admission.js';
import { type Clock, sleep } from '../shared/clock.js';
import { planCommand } from './command-plan.js';
import { refusal, type CommandEntry } from './command-table.js';
import { jsonResult, type HttpResult } from '../shared/http-result.js';
import type { IdempotencyClaim, IdempotencyStore } from './idempotency.js';
import type { Log } from '../shared/log.js';
import type { Problems } from '../shared/problems.js';
import { parseScenario, SCENARIO_HEADER, type Scenario } from './scenarios.js';
import type { Session, SessionStore } from './sessions.js';
import type { SpecModel } from '../shared/spec-model.js';
import type { WebhookOutbox } from '../delivery/webhook-outbox.js';

export interface CommandExecutionOptions {
  model: SpecModel;
  sessions: SessionStore;
  idempotency: IdempotencyStore;
  problems: Problems;
  outbox: WebhookOutbox;
  log: Log;
  clock: Clock;
}

type Claimed = { claim: IdempotencyClaim | undefined } | { answer: HttpResult };

export function createCommandExecution({
  model,
  sessions,
  idempotency,
  problems,
  outbox,
  log,
  clock,
}: CommandExecutionOptions) {
  let accepted = 0;
  const scenarioProblem = (detail: string, instance: string) =>
    problems.plain(400, 'Invalid mock scenario', {
      type: `${model.problemTypeBase}mock-scenario-invalid`,
      detail: `${SCENARIO_HEADER}: ${detail}.`,
      instance,
    });

  /** The scenario of the request, or the problem with its header. */
  function scenarioOf(header: string | undefined, entry: CommandEntry, instance: string): Scenario | HttpResult {
    const scenario = parseScenario(header);
    if ('error' in scenario) return scenarioProblem(scenario.error, instance);
    if (scenario.result === 'timed-out' && !entry.canTimeOut) {
      return scenarioProblem(
        `${entry.command} reports its result right after dispatch, so it cannot time out`,
        instance,
      );
    }
    return scenario;
  }

  /** The answer a scenario forces instead of running the command (404, 429, 503), if any. */
  function forcedAnswer(scenario: Scenario, { sessionUuid, instance }: AdmittedCommand): HttpResult | undefined {
    if (scenario.status === 404) return notFound(sessionUuid, instance);
    if (scenario.status === undefined) return undefined;
    const seconds = scenario.retryAfterSeconds;
    const headers = { 'retry-after': String(seconds) };
    return scenario.status === 429
      ? problems.of('rate-limited', {
          detail: `Your application's general rate-limit group is exhausted; retry after ${seconds} seconds.`,
          instance,
          headers,
        })
      : problems.of('service-unavailable', {
          detail: `The gateway is not taking commands right now; retry after ${seconds} seconds.`,
          instance,
          headers,
        });
  }

  const notFound = (sessionUuid: string, instance: string) =>
    problems.of('session-not-found', {
      detail: `No active session ${sessionUuid}: it does not exist or has already ended.`,
      instance,
    });

  /** A replay or a refusal of the key, or the claim on it (none without a command_uid). */
  function claimKey({ entry, sessionUuid, appId, body, instance }: AdmittedCommand, session: Session): Claimed {
    const commandUid = body.command_uid;
    if (commandUid === undefined) return { claim: undefined };
    const outcome = idempotency.begin({ session: session.uuid, appId, commandUid, command: entry.command, body });
    switch (outcome.kind) {
      case 'new':
        return { claim: outcome.claim };
      case 'replay':
        return {
          answer: {
            ...outcome.response,
            headers: { ...outcome.response.headers, 'idempotent-replayed': 'true' },
            note: 'replayed',
          },
        };
      case 'in-flight':
        return {
          answer: problems.of('command-in-flight', {
            detail: `A request with command_uid '${commandUid}' is still being processed; retry when it has completed.`,
            instance,
          }),
        };
      case 'reused':
        return {
          answer: problems.of('idempotency-key-reused', {
            detail: `command_uid '${commandUid}' was already used on this session with a different request.`,
            instance,
          }),
        };
    }
  }

  /** Why the session's state refuses the command now (404 or 409), if it does. */
  function stateRefusal({ entry, sessionUuid, instance }: AdmittedCommand, session: Session): HttpResult | undefined {
    const why = refusal(entry, session.state);
    if (why === 'gone') return notFound(sessionUuid, instance);
    if (why === 'wrong-state') {
      const allowed = entry.from.join(' or ');
      return problems.of('invalid-session-state', {
        detail: `The call is ${session.state}; ${entry.command} is allowed only on a ${allowed} call.`,
        instance,
      });
    }
    return undefined;
  }

  /** Waits, if there is anything to wait for, then says whether the session still allows the command. */
  async function afterWaiting(
    wait: Promise<void> | undefined,
    command: AdmittedCommand,
    session: Session,
  ): Promise<HttpResult | undefined> {
    if (wait === undefined) return undefined;
    await wait;
    return stateRefusal(command, session);
  }

  /** The command is accepted: the session moves on, the webhooks are queued, the 202 goes back. */
  function accept(command: AdmittedCommand, session: Session, scenario: Scenario): HttpResult {
    accepted += 1;
    const plan = planCommand(model, {
      entry: command.entry,
      session,
      body: command.body,
      result: scenario.result,
      now: new Date(clock.now()),
    });
    sessions.transition(session, plan.nextState);
    session.answeredAt = plan.answeredAt;
    for (const note of plan.notes) log.info(note, { session: session.uuid });
    outbox.send(session.uuid, plan.events);
    const result: HttpResult = jsonResult(202, plan.envelope);
    result.operationId = plan.envelope.operation_id;
    return result;
  }

  return {
    /** How many commands were accepted (run, not replayed or refused). */
    get accepted() {
      return accepted;
    },
    async run(command: AdmittedCommand, scenarioHeader: string | undefined): Promise<HttpResult> {
      const scenario = scenarioOf(scenarioHeader, command.entry, command.instance);
      if (!('result' in scenario)) return scenario;
      const forced = forcedAnswer(scenario, command);
      if (forced !== undefined) return forced;

      // A replay is answered from the store even after the session ended (the key outlives it).
      const session = sessions.get(command.sessionUuid, new Date(clock.now()));
      const claimed = claimKey(command, session);
      if ('answer' in claimed) return claimed.answer;
      try {
        // Held by a slow dispatch, or until delivery has room for its webhooks (rarely: see
        // delivery-flow), the command finds the session as it is then.
        const refused =
          stateRefusal(command, session) ??
          (await afterWaiting(
            scenario.dispatchDelayMs > 0 ? sleep(clock, scenario.dispatchDelayMs) : undefined,
            command,
            session,
          )) ??
          (await afterWaiting(outbox.room(), command, session));
        if (refused !== undefined) return refused;
        const accepted = accept(command, session, scenario);
        claimed.claim?.complete(accepted);
        return accepted;
      } finally {
        claimed.claim?.release(); // a no-op once completed: only a refusal frees the key
      }
    },
  };
}

export type CommandExecution = ReturnType<typeof createCommandExecution>;
