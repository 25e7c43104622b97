// The errors the contract documents for a command, one case each, each provoked by a request
// with exactly one thing wrong: credentials missing or wrong, a call that has ended, a body
// that is not JSON, too large, not sent as JSON, a field that breaks its rule, a field the
// schema does not allow. Each must be the documented problem: status, media type, schema, type.
import type { ContractCommand } from '../contract.js';
import { resultOf, type CaseDefinition, type CaseResult } from '../report.js';
import { commandBodies, UNKNOWN_FIELD, type CommandBodies } from './command-bodies.js';
import { sendCommand, type CommandRequest } from './gateway-target.js';
import type { CaseGroup, GatewayContext } from './gateway-case.js';
import { describeAnswer, documentedProblem, problemMismatch } from './problem-answer.js';

interface ErrorCase {
  definition: CaseDefinition;
  example: string;
  /** The requests to send, or why the case cannot run here. */
  requests(context: GatewayContext): Promise<{ label: string; session: string; request: CommandRequest }[] | string>;
  /** A further check of the problem body. */
  more?: (body: Record<string, unknown>) => string | undefined;
}

const namesPointer = (pointer: string) => (body: Record<string, unknown>) =>
  Array.isArray(body.errors) && body.errors.some((entry) => (entry as { pointer?: unknown })?.pointer === pointer)
    ? undefined
    : `no entry of errors names ${pointer}`;

type Requests = ErrorCase['requests'];

interface Maker {
  bodies: CommandBodies;
  /** A case of this command: its id from the rule, its `spec` the problem example it must answer. */
  make(
    rule: string,
    example: string,
    text: { title: string; why: string },
    requests: Requests,
    more?: ErrorCase['more'],
  ): ErrorCase;
}

/** One request to a call of its own (a ringing call on the control plane, else a UUID no call has). */
const scratch =
  (label: string, request: CommandRequest): Requests =>
  async (ctx) => [{ label, session: await ctx.sessions.scratch(), request }];

function credentialCases({ bodies, make }: Maker): ErrorCase[] {
  const body = () => JSON.stringify(bodies.plain());
  const without = (credentials: Record<string, string>, omitted: string[]) =>
    Object.fromEntries(
      Object.entries(credentials).map(([name, value]) => [name, omitted.includes(name) ? undefined : value]),
    );
  return [
    make(
      'missing-credentials',
      'UnauthorizedProblem',
      {
        title: 'a request without its credentials (either header, or both) is refused with 401',
        why: 'a gateway that runs a command without both credentials runs it for anyone',
      },
      async (ctx) => {
        const headers = Object.keys(ctx.target.credentials);
        return await Promise.all(
          [...headers.map((header) => [header]), headers].map(async (omitted) => ({
            label: `without ${omitted.join(' and ')}`,
            session: await ctx.sessions.scratch(),
            request: { body: body(), credentials: without(ctx.target.credentials, omitted) },
          })),
        );
      },
    ),
    make(
      'wrong-key',
      'UnauthorizedProblem',
      {
        title: 'a request with a wrong API key is refused with 401',
        why: 'a gateway that does not check the key runs commands for anyone who knows an app id',
      },
      async (ctx) => {
        const { credentials, keyHeader } = ctx.target;
        if (!ctx.sessions.keyChecked)
          return 'the mock gateway was started without --app-id/--api-key, so it takes any pair: start it with a pair to test this';
        return await scratch(`${keyHeader} changed`, {
          body: body(),
          credentials: { ...credentials, [keyHeader]: `${credentials[keyHeader]}-wrong` },
        })(ctx);
      },
    ),
    make(
      'ended-session',
      'SessionNotFoundProblem',
      {
        title: 'a command on a call that has ended is refused with 404',
        why: 'commands on a finished call must not run, and the caller must learn the call is gone',
      },
      async (ctx) => {
        const ended = await ctx.endedCall();
        return 'skipped' in ended
          ? ended.skipped
          : [{ label: 'on an ended call', session: ended.session, request: { body: body() } }];
      },
    ),
  ];
}

function bodyCases({ bodies, make }: Maker, maxBodyBytes: number): ErrorCase[] {
  const json = (body: unknown) => JSON.stringify(body);
  const cases = [
    make(
      'malformed-json',
      'MalformedJsonProblem',
      {
        title: 'a body that is not JSON is refused with 400',
        why: 'a gateway that guesses at a broken body may run a command nobody sent',
      },
      scratch('the body {bad', { body: '{bad' }),
    ),
    make(
      'oversized-body',
      'ContentTooLargeProblem',
      {
        title: `a body over ${maxBodyBytes} bytes (otherwise valid) is refused with 413`,
        why: 'the limit protects the gateway; clients need the documented answer to know why',
      },
      scratch(`{} and spaces, ${maxBodyBytes + 1} bytes`, { body: `{}${' '.repeat(maxBodyBytes - 1)}` }),
    ),
    make(
      'unsupported-media-type',
      'UnsupportedMediaTypeProblem',
      {
        title: 'a valid body sent as text/plain is refused with 415',
        why: 'the API reads JSON only; a body it cannot be sure of must not run a command',
      },
      scratch('a valid body as text/plain', { body: json(bodies.plain()), contentType: 'text/plain' }),
    ),
    ...bodies.invalidFields().map(({ field, value, body }) =>
      make(
        `invalid-${field}`,
        'ValidationFailedProblem',
        {
          title: `a ${field} that breaks its rule (${JSON.stringify(value)}) is refused with 422, naming /${field}`,
          why: 'a gateway that runs a command with an invalid field does something the caller did not ask for, and the caller cannot tell which field to fix',
        },
        scratch(json(body), { body: json(body) }),
        namesPointer(`/${field}`),
      ),
    ),
  ];
  const unknown = bodies.unknownField();
  if (unknown === undefined) return cases;
  return [
    ...cases,
    make(
      'unknown-field',
      'ValidationFailedProblem',
      {
        title: `a member the request schema does not allow (${UNKNOWN_FIELD}) is refused with 422, naming it`,
        why: 'the schema allows no other field; a gateway that ignores one hides a client’s typo (a misspelt cause is a normal clearing)',
      },
      scratch(json(unknown), { body: json(unknown) }),
      namesPointer(`/${UNKNOWN_FIELD}`),
    ),
  ];
}

/** The command's error cases: those whose problem the command documents. */
function errorCases(context: Pick<GatewayContext, 'contract'>, command: ContractCommand): ErrorCase[] {
  const { contract } = context;
  const maker: Maker = {
    bodies: commandBodies(contract, command),
    make: (rule, example, { title, why }, requests, more) => ({
      definition: { id: `gateway.${command.operationId}.${rule}`, title, why, spec: contract.problem(example).pointer },
      example,
      requests,
      ...(more === undefined ? {} : { more }),
    }),
  };
  return [...credentialCases(maker), ...bodyCases(maker, contract.limits.maxBodyBytes)].filter(
    ({ example }) => documentedProblem(contract, command, example) !== undefined,
  );
}

async function runErrorCase(context: GatewayContext, command: ContractCommand, test: ErrorCase): Promise<CaseResult> {
  const requests = await test.requests(context);
  if (typeof requests === 'string') return resultOf(test.definition, 'skipped', requests);
  const documented = documentedProblem(context.contract, command, test.example)!;
  const lines: string[] = [];
  const wrong: string[] = [];
  for (const { label, session, request } of requests) {
    const answer = await sendCommand(context.target, command, session, request);
    lines.push(`${label} → ${describeAnswer(answer)}`);
    const mismatch = problemMismatch(context.contract, answer, documented, test.more);
    if (mismatch !== undefined) wrong.push(`${label}: ${mismatch}`);
  }
  const happened = `sent ${command.operationId} ${lines.join('; ')}`;
  return wrong.length === 0
    ? resultOf(test.definition, 'passed', `${happened}.`)
    : resultOf(test.definition, 'failed', `${happened}: ${wrong.join('; ')}.`);
}

export function commandErrorGroup(context: Pick<GatewayContext, 'contract'>, command: ContractCommand): CaseGroup {
  const cases = errorCases(context, command);
  return {
    cases: cases.map(({ definition }) => definition),
    // The ended call comes after each command's own.
    rank: 1,
    run: (ctx) => Promise.all(cases.map((test) => runErrorCase(ctx, command, test))),
  };
}
