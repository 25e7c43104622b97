// The errors the contract documents for a command, one case each, each provoked by a request
// with exactly one thing wrong: credentials missing or wrong, a call that has ended, a body
// that is not JSON, too large, not sent as JSON, a field that breaks its rule, a field the
// schema does not allow. Each must be the documented problem: status, media type, schema, type.
import type { ContractCommand } from '../contract.js';
import { resultOf, type CaseDefinition, type CaseResult } from '../report.js';
import { commandBodies, UNKNOWN_FIELD } from './command-bodies.js';
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

function errorCases(context: Pick<GatewayContext, 'contract'>, command: ContractCommand): ErrorCase[] {
  const { contract } = context;
  const bodies = commandBodies(contract, command);
  const json = (body: unknown) => JSON.stringify(body);
  const definition = (rule: string, title: string, why: string, example: string): CaseDefinition => ({
    id: `gateway.${command.operationId}.${rule}`,
    title,
    why,
    spec: contract.problem(example).pointer,
  });
  const scratch = async (ctx: GatewayContext, label: string, request: CommandRequest) => [{ label, session: await ctx.sessions.scratch(), request }];
  const cases: ErrorCase[] = [
    {
      definition: definition('missing-credentials', 'a request without its credentials (either header, or both) is refused with 401', 'a gateway that runs a command without both credentials runs it for anyone', 'UnauthorizedProblem'),
      example: 'UnauthorizedProblem',
      requests: async (ctx) => {
        const headers = Object.keys(ctx.target.credentials);
        const variants = [...headers.map((header) => [header]), headers];
        return Promise.all(
          variants.map(async (omitted) => ({
            label: `without ${omitted.join(' and ')}`,
            session: await ctx.sessions.scratch(),
            request: { body: json(bodies.plain()), credentials: Object.fromEntries(Object.entries(ctx.target.credentials).map(([name, value]) => [name, omitted.includes(name) ? undefined : value])) },
          })),
        );
      },
    },
    {
      definition: definition('wrong-key', 'a request with a wrong API key is refused with 401', 'a gateway that does not check the key runs commands for anyone who knows an app id', 'UnauthorizedProblem'),
      example: 'UnauthorizedProblem',
      requests: async (ctx) =>
        ctx.sessions.keyChecked
          ? scratch(ctx, `${ctx.target.keyHeader} changed`, { body: json(bodies.plain()), credentials: { ...ctx.target.credentials, [ctx.target.keyHeader]: `${ctx.target.credentials[ctx.target.keyHeader]}-wrong` } })
          : 'the mock gateway was started without --app-id/--api-key, so it takes any pair: start it with a pair to test this',
    },
    {
      definition: definition('ended-session', 'a command on a call that has ended is refused with 404', 'commands on a finished call must not run, and the caller must learn the call is gone', 'SessionNotFoundProblem'),
      example: 'SessionNotFoundProblem',
      requests: async (ctx) => {
        const ended = await ctx.endedCall();
        return 'skipped' in ended ? ended.skipped : [{ label: 'on an ended call', session: ended.session, request: { body: json(bodies.plain()) } }];
      },
    },
    {
      definition: definition('malformed-json', 'a body that is not JSON is refused with 400', 'a gateway that guesses at a broken body may run a command nobody sent', 'MalformedJsonProblem'),
      example: 'MalformedJsonProblem',
      requests: (ctx) => scratch(ctx, 'the body {bad', { body: '{bad' }),
    },
    {
      definition: definition('oversized-body', `a body over ${contract.limits.maxBodyBytes} bytes (otherwise valid) is refused with 413`, 'the limit protects the gateway; clients need the documented answer to know why', 'ContentTooLargeProblem'),
      example: 'ContentTooLargeProblem',
      requests: (ctx) => scratch(ctx, `{} and spaces, ${contract.limits.maxBodyBytes + 1} bytes`, { body: `{}${' '.repeat(contract.limits.maxBodyBytes - 1)}` }),
    },
    {
      definition: definition('unsupported-media-type', 'a valid body sent as text/plain is refused with 415', 'the API reads JSON only; a body it cannot be sure of must not run a command', 'UnsupportedMediaTypeProblem'),
      example: 'UnsupportedMediaTypeProblem',
      requests: (ctx) => scratch(ctx, 'a valid body as text/plain', { body: json(bodies.plain()), contentType: 'text/plain' }),
    },
    ...bodies.invalidFields().map(({ field, value, body }) => ({
      definition: definition(`invalid-${field}`, `a ${field} that breaks its rule (${JSON.stringify(value)}) is refused with 422, naming /${field}`, 'a gateway that runs a command with an invalid field does something the caller did not ask for, and the caller cannot tell which field to fix', 'ValidationFailedProblem'),
      example: 'ValidationFailedProblem',
      requests: (ctx: GatewayContext) => scratch(ctx, json(body), { body: json(body) }),
      more: namesPointer(`/${field}`),
    })),
  ];
  const unknown = bodies.unknownField();
  if (unknown !== undefined)
    cases.push({
      definition: definition('unknown-field', `a member the request schema does not allow (${UNKNOWN_FIELD}) is refused with 422, naming it`, 'the schema allows no other field; a gateway that ignores one hides a client’s typo (a misspelt cause is a normal clearing)', 'ValidationFailedProblem'),
      example: 'ValidationFailedProblem',
      requests: (ctx) => scratch(ctx, json(unknown), { body: json(unknown) }),
      more: namesPointer(`/${UNKNOWN_FIELD}`),
    });
  return cases.filter(({ example }) => documentedProblem(contract, command, example) !== undefined);
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
    run: (ctx) => Promise.all(cases.map((test) => runErrorCase(ctx, command, test))),
  };
}
