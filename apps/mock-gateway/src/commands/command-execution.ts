// Running an admitted command, as the gateway would: the scenario the caller forced, the
// idempotency key, the session's state (the command table says what is allowed), then the
// plan — the 202 and the webhooks that follow. The key claimed at the start is completed
// with the 202 or released when the command is refused, in one place.
import { type Clock, sleep } from '../common/clock.js';
import { type HttpResult, jsonResult, withNote } from '../common/http-result.js';
import type { Log } from '../common/log.js';
import { type Outcome, PASSED, refuse } from '../common/outcome.js';
import type { Problems } from '../common/problems.js';
import type { SpecModel } from '../common/spec-model.js';
import type { AdmittedCommand } from './admission.js';
import type { CallTimeline } from './call-timeline.js';
import { type PlannedEvent, planCommand } from './command-plan.js';
import { checkTransition } from './command-table.js';
import type { IdempotencyClaim, IdempotencyStore } from './idempotency.js';
import { parseScenario, SCENARIO_HEADER, type Scenario } from './scenarios.js';
import type { Session, SessionMode, SessionStore } from './sessions.js';

export interface CommandExecutionOptions {
  model: SpecModel;
  sessions: SessionStore;
  idempotency: IdempotencyStore;
  problems: Problems;
  /** Where the command's webhooks wait until they are due (and where the call's end wins a race). */
  timeline: CallTimeline;
  log: Log;
  clock: Clock;
  /** `explicit`: a UUID the control plane never created is a 404 (see SessionMode). */
  sessionMode?: SessionMode;
}

/** Refused with the answer to give instead. */
type Checked<Value> = Outcome<Value, HttpResult>;

const notFound = (problems: Problems, { sessionUuid, instance }: AdmittedCommand) =>
  problems.of('session-not-found', {
    detail: `No active session ${sessionUuid}: it does not exist or has already ended.`,
    instance,
  });

/** The scenario of the request; refused with the 400 its header earns. */
function scenarioOf(problems: Problems, { scenario, entry, instance }: AdmittedCommand): Checked<Scenario> {
  const invalid = (detail: string) =>
    refuse(problems.of('mock-scenario-invalid', { detail: `${SCENARIO_HEADER}: ${detail}.`, instance }));
  const parsed = parseScenario(scenario);
  if (!parsed.ok) return invalid(parsed.reason);
  if (parsed.value.result === 'timed-out' && !entry.canTimeOut)
    return invalid(`${entry.command} reports its result right after dispatch, so it cannot time out`);
  return parsed;
}

/** The answer a scenario forces instead of running the command (404, 429, 503), if it forces one. */
function forcedAnswer(problems: Problems, scenario: Scenario, command: AdmittedCommand): HttpResult | undefined {
  if (scenario.status === 404) return notFound(problems, command);
  if (scenario.status === undefined) return undefined;
  const seconds = scenario.retryAfterSeconds;
  const details = { instance: command.instance, headers: { 'retry-after': String(seconds) } };
  return scenario.status === 429
    ? problems.of('rate-limited', {
        detail: `Your application's general rate-limit group is exhausted; retry after ${seconds} seconds.`,
        ...details,
      })
    : problems.of('service-unavailable', {
        detail: `The gateway is not taking commands right now; retry after ${seconds} seconds.`,
        ...details,
      });
}

/** The claim on the command's key (none without a command_uid); refused with the replay, or the key's problem. */
function claimKey(
  { problems, idempotency }: CommandExecutionOptions,
  { entry, appId, body, instance }: AdmittedCommand,
  session: Session,
): Checked<IdempotencyClaim | undefined> {
  const commandUid = body.command_uid;
  if (commandUid === undefined) return PASSED;
  const claimed = idempotency.begin({ session: session.uuid, appId, commandUid, command: entry.command, body });
  if (claimed.ok) return claimed;
  switch (claimed.reason.kind) {
    case 'replay': {
      const { response } = claimed.reason;
      return refuse({ ...response, headers: { ...response.headers, 'idempotent-replayed': 'true' }, note: 'replayed' });
    }
    case 'in-flight':
      return refuse(
        problems.of('command-in-flight', {
          detail: `A request with command_uid '${commandUid}' is still being processed; retry when it has completed.`,
          instance,
        }),
      );
    case 'reused':
      return refuse(
        problems.of('idempotency-key-reused', {
          detail: `command_uid '${commandUid}' was already used on this session with a different request.`,
          instance,
        }),
      );
  }
}

/** Whether the session's state allows the command now; refused with the 404 or the 409. */
function checkState(problems: Problems, command: AdmittedCommand, session: Session): Checked<undefined> {
  const { entry, instance } = command;
  const allowed = checkTransition(entry, session.state);
  if (allowed.ok) return PASSED;
  if (allowed.reason === 'gone') return refuse(notFound(problems, command));
  const detail = `The call is ${session.state}; ${entry.command} is allowed only on a ${entry.from.join(' or ')} call.`;
  return refuse(problems.of('invalid-session-state', { detail, instance }));
}

export function createCommandExecution(options: CommandExecutionOptions) {
  const { model, sessions, problems, timeline, log, clock } = options;
  let accepted = 0;

  /** Waits, then checks again that the session allows the command. */
  async function afterWaiting(wait: Promise<void>, command: AdmittedCommand, session: Session) {
    await wait;
    return checkState(problems, command, session);
  }

  /** The command is accepted: the session moves on, the webhooks are queued, the 202 goes back. */
  function run(command: AdmittedCommand, session: Session, scenario: Scenario): HttpResult {
    accepted += 1;
    const now = new Date(clock.now());
    // Carried out once the session's commands before it have completed (the app's own commands
    // keep their order; only the remote party's hang-up can overtake one).
    const startAt = new Date(timeline.busyUntil(session.uuid, now.getTime()));
    const answeredBefore = session.answeredAt;
    const stateBefore = session.state;
    const { entry, body } = command;
    const plan = planCommand(model, { entry, session, body, result: scenario.result, now, startAt });
    sessions.transition(session, plan.nextState);
    session.answeredAt = plan.answeredAt;
    for (const note of plan.notes) log.info(note, { session: session.uuid });
    const lose = (at: Date, dropped: readonly PlannedEvent[]) => {
      // An answer that lost never answered the call.
      if (dropped.some(({ event }) => event.type === 'call.answered')) session.answeredAt = answeredBefore;
      return plan.lose(at, dropped);
    };
    // A command that changed the call is carried out before the next one.
    timeline.send(session.uuid, plan.events, lose, plan.nextState !== stateBefore);
    const result: HttpResult = jsonResult(202, plan.envelope);
    result.operationId = plan.envelope.operation_id;
    return result;
  }

  async function execute(command: AdmittedCommand): Promise<HttpResult> {
    const scenario = scenarioOf(problems, command);
    if (!scenario.ok) return scenario.reason;
    const forced = forcedAnswer(problems, scenario.value, command);
    if (forced !== undefined) return forced;

    // A replay is answered from the store even after the session ended (the key outlives it).
    const session =
      options.sessionMode === 'explicit'
        ? sessions.peek(command.sessionUuid)
        : sessions.get(command.sessionUuid, new Date(clock.now()));
    if (session === undefined) return notFound(problems, command);
    const claimed = claimKey(options, command, session);
    if (!claimed.ok) return claimed.reason;
    const claim = claimed.value;
    try {
      // Held by a slow dispatch, or until delivery has capacity for its webhooks (rarely: see
      // delivery-flow), the command finds the session as it is then.
      const { dispatchDelayMs } = scenario.value;
      let allowed = checkState(problems, command, session);
      if (allowed.ok && dispatchDelayMs > 0)
        allowed = await afterWaiting(sleep(clock, dispatchDelayMs), command, session);
      const capacity = allowed.ok ? timeline.waitForCapacity() : undefined;
      if (capacity !== undefined) allowed = await afterWaiting(capacity, command, session);
      if (!allowed.ok) return allowed.reason;
      const result = run(command, session, scenario.value);
      claim?.complete(result);
      return result;
    } finally {
      claim?.release(); // a no-op once completed: only a refusal frees the key
    }
  }

  return {
    /** How many commands were accepted (run, not replayed or refused). */
    get accepted() {
      return accepted;
    },
    /** Runs the command; when a scenario shaped the answer, its log line says so. */
    run(command: AdmittedCommand): Promise<HttpResult> {
      const { scenario } = command;
      if (scenario === undefined) return execute(command);
      return execute(command).then((result) =>
        result.note === undefined ? withNote(result, `${SCENARIO_HEADER}: ${scenario}`) : result,
      );
    },
  };
}

export type CommandExecution = ReturnType<typeof createCommandExecution>;
