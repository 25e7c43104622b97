// One row per fact of the source document (spec/source/call-control.original.txt) and of the
// contract decisions recorded in docs/adr/0001-contract-decisions.md, read from the bundled
// spec. Removing a fact from the spec fails its row. The source's commands and webhooks are
// named here as the source names them; rows about "every command" or "every webhook" take the
// list from the bundle, so adding one to the spec needs no edit here.
import { describe, expect, it } from 'vitest';
import {
  COMMAND_PATHS,
  COMMANDS,
  WEBHOOKS,
  commandOperation,
  deref,
  loadBundledSpec,
  requestSchema,
  type Node,
} from './support/bundled-spec.js';

const spec = loadBundledSpec();
const schema = (name: string): Node => spec.components.schemas[name];
const webhookOperation = (name: string): Node => spec.webhooks[name].post;
const triggered = (command: (typeof COMMANDS)[number]): Node => commandOperation(spec, command)['x-webhooks-triggered'];
const response = (command: (typeof COMMANDS)[number], status: string): Node =>
  deref(spec, commandOperation(spec, command).responses[status]);

const SOURCE_ENVELOPE = {
  operation_id: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890',
  status: 'in_progress',
  timeout_ms: 2000,
};
const PROBLEM_STATUSES = ['400', '401', '404', '409', '413', '415', '422', '429', '500', '503'];
// The commands and webhooks the source document names.
const SOURCE_COMMANDS = ['answer', 'hangup', 'disconnect'];
const SOURCE_WEBHOOKS = ['command.result', 'call.answered', 'call.hangup'];
const sessionCommandPath = (command: string) => `/api/v1/sessions/{uuid}/commands/${command}`;

type Fact = [fact: string, { given: () => unknown; want: unknown }];

const perCommand = (make: (command: (typeof COMMANDS)[number]) => Fact): Fact[] => COMMANDS.map(make);

const facts: Fact[] = [
  // The three commands, all POST, on the session command endpoint.
  [
    "the source's three session commands are operations of the spec, named as in the source",
    {
      given: () => SOURCE_COMMANDS.map((command) => COMMAND_PATHS[command]),
      want: SOURCE_COMMANDS.map(sessionCommandPath),
    },
  ],
  ...perCommand(
    (command): Fact => [
      `${command}: is a session command, on /api/v1/sessions/{uuid}/commands/<its operationId>`,
      { given: () => COMMAND_PATHS[command], want: sessionCommandPath(command) },
    ],
  ),
  ...perCommand(
    (command): Fact => [
      `${command}: only POST`,
      {
        given: () =>
          Object.keys(spec.paths[COMMAND_PATHS[command]!]).filter((key) =>
            ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'].includes(key),
          ),
        want: ['post'],
      },
    ],
  ),
  ...perCommand(
    (command): Fact => [
      `${command}: path parameter uuid is a required session UUID, in canonical form`,
      {
        given: () => {
          const parameter = deref(spec, spec.paths[COMMAND_PATHS[command]!].parameters[0]);
          const { name, in: location, required } = parameter;
          const { format, pattern } = deref(spec, parameter.schema);
          return { name, in: location, required, format, pattern };
        },
        // Canonical 8-4-4-4-12 hex only: ajv's `uuid` format alone also takes `urn:uuid:…`.
        want: {
          name: 'uuid',
          in: 'path',
          required: true,
          format: 'uuid',
          pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
        },
      },
    ],
  ),
  // Authentication: X-App-ID and X-API-Key, both on every call.
  [
    'both auth headers are required together (one security requirement naming both)',
    { given: () => spec.security, want: [{ AppId: [], ApiKey: [] }] },
  ],
  [
    'X-App-ID is an API key in a header',
    {
      given: () => spec.components.securitySchemes.AppId,
      want: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-App-ID' }),
    },
  ],
  [
    'X-API-Key is an API key in a header',
    {
      given: () => spec.components.securitySchemes.ApiKey,
      want: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-API-Key' }),
    },
  ],
  ...perCommand(
    (command): Fact => [
      `${command}: no operation overrides the security requirement`,
      { given: () => commandOperation(spec, command).security, want: undefined },
    ],
  ),
  // Request body: JSON; command_uid optional, max 128, ^[a-zA-Z0-9._-]+$.
  ...perCommand(
    (command): Fact => [
      `${command}: a JSON request body, optional (no body is the same as {})`,
      {
        given: () => {
          const body = deref(spec, commandOperation(spec, command).requestBody);
          return {
            required: body.required,
            mediaTypes: Object.keys(body.content),
            said: /no body at all \(the same as `\{\}`\)/.test(body.description),
          };
        },
        want: { required: false, mediaTypes: ['application/json'], said: true },
      },
    ],
  ),
  ...perCommand(
    (command): Fact => [
      `${command}: command_uid is optional`,
      { given: () => requestSchema(spec, command).required ?? [], want: [] },
    ],
  ),
  ...perCommand(
    (command): Fact => [
      `${command}: command_uid is a string of at most 128 matching ^[a-zA-Z0-9._-]+$`,
      {
        given: () => {
          const { type, maxLength, pattern } = deref(spec, requestSchema(spec, command).properties.command_uid);
          return { type, maxLength, pattern };
        },
        want: { type: 'string', maxLength: 128, pattern: '^[a-zA-Z0-9._-]+$' },
      },
    ],
  ),
  [
    'command_uid is documented as the idempotency key, auto-generated UUID if omitted',
    {
      given: () => schema('CommandUid').description,
      want: expect.stringMatching(/idempotency key\. Auto-generated UUID if omitted/),
    },
  ],
  // answer and disconnect take nothing but command_uid.
  ...(['answer', 'disconnect'] as const).map(
    (command): Fact => [
      `${command}: accepts nothing but command_uid`,
      {
        given: () => {
          const { type, additionalProperties, properties } = requestSchema(spec, command);
          return { type, additionalProperties, properties: Object.keys(properties) };
        },
        want: { type: 'object', additionalProperties: false, properties: ['command_uid'] },
      },
    ],
  ),
  // hangup: cause optional, max 64, ^[A-Z_]+$, default NORMAL_CLEARING, example USER_BUSY.
  [
    'hangup: accepts cause and command_uid only, both optional',
    {
      given: () => {
        const { additionalProperties, properties, required } = requestSchema(spec, 'hangup');
        return { additionalProperties, properties: Object.keys(properties).sort(), required };
      },
      want: { additionalProperties: false, properties: ['cause', 'command_uid'], required: undefined },
    },
  ],
  [
    'hangup: cause is a string of at most 64 matching ^[A-Z_]+$, default NORMAL_CLEARING',
    {
      given: () => {
        const {
          type,
          maxLength,
          pattern,
          default: fallback,
        } = deref(spec, requestSchema(spec, 'hangup').properties.cause);
        return { type, maxLength, pattern, default: fallback };
      },
      want: { type: 'string', maxLength: 64, pattern: '^[A-Z_]+$', default: 'NORMAL_CLEARING' },
    },
  ],
  [
    'hangup: USER_BUSY is the cause example, in the schema and the request example',
    {
      given: () => ({
        schema: schema('HangupCause').examples,
        request: spec.components.examples.HangupUserBusyRequest.value,
      }),
      want: { schema: ['USER_BUSY'], request: { cause: 'USER_BUSY' } },
    },
  ],
  [
    'hangup: cause is documented as a Q.850 hangup cause code',
    { given: () => schema('HangupCause').description, want: expect.stringContaining('Q.850 hangup cause code') },
  ],
  [
    'hangup: the known causes carry their codes (FreeSWITCH table)',
    {
      given: () => {
        const codes = schema('HangupCause')['x-cause-codes'];
        return ['NORMAL_CLEARING', 'USER_BUSY', 'NO_ANSWER', 'CALL_REJECTED', 'ORIGINATOR_CANCEL'].map((name) => [
          name,
          codes[name],
        ]);
      },
      want: [
        ['NORMAL_CLEARING', 16],
        ['USER_BUSY', 17],
        ['NO_ANSWER', 19],
        ['CALL_REJECTED', 21],
        ['ORIGINATOR_CANCEL', 487],
      ],
    },
  ],
  [
    'hangup: every known cause name obeys the pattern and the length limit',
    {
      given: () =>
        Object.keys(schema('HangupCause')['x-cause-codes']).filter(
          (name) => !/^[A-Z_]+$/.test(name) || name.length > 64,
        ),
      want: [],
    },
  ],
  [
    'hangup: the spec says FreeSWITCH turns an unknown name into NORMAL_CLEARING silently',
    {
      given: () => schema('HangupCause').description,
      want: expect.stringMatching(/does\s+not know\s+into `NORMAL_CLEARING` \*\*silently\*\*/),
    },
  ],
  [
    'hangup: the docs table of causes is rendered from x-cause-codes',
    { given: () => schema('HangupCause').description, want: expect.stringContaining('| `USER_BUSY` | 17 |') },
  ],
  // Every command answers 202 with the deferred operation envelope.
  ...perCommand(
    (command): Fact => [
      `${command}: 202 is the deferred operation envelope`,
      {
        given: () => {
          const media = response(command, '202').content['application/json'];
          const envelope = deref(spec, media.schema);
          return {
            required: envelope.required,
            operation_id: envelope.properties.operation_id.format,
            status: envelope.properties.status.enum,
            timeout_ms: envelope.properties.timeout_ms.type,
          };
        },
        want: {
          required: ['operation_id', 'status', 'timeout_ms'],
          operation_id: 'uuid',
          status: ['in_progress'],
          timeout_ms: 'integer',
        },
      },
    ],
  ),
  ...perCommand(
    (command): Fact => [
      `${command}: the 202 example is the source's envelope, verbatim`,
      {
        given: () => {
          const media = response(command, '202').content['application/json'];
          return Object.values(media.examples).map((example) => deref(spec, example).value);
        },
        want: [SOURCE_ENVELOPE],
      },
    ],
  ),
  ...perCommand(
    (command): Fact => [
      `${command}: the only success status is 202`,
      {
        given: () => Object.keys(commandOperation(spec, command).responses).filter((s) => s.startsWith('2')),
        want: ['202'],
      },
    ],
  ),
  [
    'the final result is delivered via a command.result webhook (202 description)',
    {
      given: () => deref(spec, spec.components.responses.Accepted).description,
      want: expect.stringContaining('asynchronously via a\n`command.result` webhook'),
    },
  ],
  // The commands do not have their own rate-limit group.
  [
    'the commands have no rate-limit group of their own (info)',
    { given: () => spec.info.description, want: expect.stringContaining('do not have their own rate-limit group') },
  ],
  ...perCommand(
    (command): Fact => [
      `${command}: counts against the general rate-limit group`,
      {
        given: () => ({
          group: commandOperation(spec, command)['x-rate-limit-group'],
          said: /no\s+rate-limit\s+group\s+of\s+its\s+own/.test(commandOperation(spec, command).description),
        }),
        want: { group: 'general', said: true },
      },
    ],
  ),
  // Which webhooks each command triggers, in order, and when.
  [
    'answer triggers call.answered on execute complete, then command.result (or timed_out after 2 s)',
    {
      given: () => triggered('answer'),
      want: {
        timeout_ms: 2000,
        webhooks: [
          expect.objectContaining({ webhook: 'call.answered', trigger: 'execute-complete' }),
          expect.objectContaining({ webhook: 'command.result', trigger: 'execute-complete', on_timeout: 'timed_out' }),
        ],
      },
    },
  ],
  ...(['hangup', 'disconnect'] as const).map(
    (command): Fact => [
      `${command} triggers command.result right after dispatch, then call.hangup on teardown`,
      {
        given: () => triggered(command),
        want: {
          timeout_ms: 2000,
          webhooks: [
            expect.objectContaining({ webhook: 'command.result', trigger: 'dispatch' }),
            expect.objectContaining({ webhook: 'call.hangup', trigger: 'teardown' }),
          ],
        },
      },
    ],
  ),
  ...perCommand(
    (command): Fact => [
      `${command}: its description names each webhook it triggers`,
      {
        given: () => {
          const { description } = commandOperation(spec, command);
          return triggered(command).webhooks.filter(({ webhook }: Node) => !description.includes(`\`${webhook}\``));
        },
        want: [],
      },
    ],
  ),
  ...perCommand(
    (command): Fact => [
      `${command}: the timing extension is rendered into its description (one line per webhook)`,
      {
        given: () => {
          const { description } = commandOperation(spec, command);
          const section = description.slice(description.indexOf('#### Triggered webhooks'));
          return section.split('\n').filter((line: string) => line.startsWith('- `')).length;
        },
        want: triggered(command).webhooks.length,
      },
    ],
  ),
  ...perCommand(
    (command): Fact => [
      `${command}: its envelope's timeout_ms matches the timing extension`,
      { given: () => triggered(command).timeout_ms, want: SOURCE_ENVELOPE.timeout_ms },
    ],
  ),
  // The webhooks (ADR 0001): Standard Webhooks headers, envelope, data.
  [
    "the source's webhooks are webhooks of the spec",
    { given: () => SOURCE_WEBHOOKS.filter((name) => !WEBHOOKS.includes(name)), want: [] },
  ],
  ...WEBHOOKS.map(
    (name): Fact => [
      `${name}: Standard Webhooks headers are required parameters`,
      {
        given: () =>
          webhookOperation(name).parameters.map((parameter: Node) => {
            const { name: header, in: location, required } = deref(spec, parameter);
            return { header, in: location, required };
          }),
        want: ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((header) => ({
          header,
          in: 'header',
          required: true,
        })),
      },
    ],
  ),
  ...WEBHOOKS.map(
    (name): Fact => [
      `${name}: body is the envelope { id, type, timestamp, data } with type ${name}`,
      {
        given: () => {
          const body = deref(spec, webhookOperation(name).requestBody.content['application/json'].schema);
          return { required: body.required, type: body.properties.type.const };
        },
        want: { required: ['id', 'type', 'timestamp', 'data'], type: name },
      },
    ],
  ),
  [
    'command.result data: operation, command, command_uid, status, times, error',
    {
      given: () => ({
        required: schema('CommandResultData').required,
        unknownCommands: SOURCE_COMMANDS.filter((name) => !schema('CommandName')['x-extensible-enum'].includes(name)),
        status: schema('CommandStatus').enum,
        error: schema('CommandError').required,
      }),
      want: {
        required: ['session_uuid', 'operation_id', 'command', 'command_uid', 'status', 'requested_at', 'completed_at'],
        unknownCommands: [],
        status: ['succeeded', 'failed', 'timed_out'],
        error: ['type', 'title', 'detail', 'code'],
      },
    },
  ],
  // Commands are an open set (ADR 0005): its known values are the spec's commands, one each.
  [
    "CommandName is open (x-extensible-enum, no enum) and knows exactly the spec's commands",
    {
      given: () => ({ enum: schema('CommandName').enum, known: schema('CommandName')['x-extensible-enum'] }),
      want: { enum: undefined, known: [...COMMANDS] },
    },
  ],
  [
    "every command name obeys CommandName's pattern and length",
    {
      given: () =>
        COMMANDS.filter(
          (name) =>
            !new RegExp(schema('CommandName').pattern).test(name) || name.length > schema('CommandName').maxLength,
        ),
      want: [],
    },
  ],
  [
    'call.answered data: the answer that caused it, start and answer time',
    {
      given: () => schema('CallAnsweredData').required,
      want: ['session_uuid', 'operation_id', 'command_uid', 'start_time', 'answer_time'],
    },
  ],
  [
    'call.hangup data: cause name and code, source, operation, times, duration',
    {
      given: () => ({ required: schema('CallHangupData').required, source: schema('HangupSource').enum }),
      want: {
        required: [
          'session_uuid',
          'hangup_cause',
          'hangup_cause_code',
          'hangup_source',
          'operation_id',
          'start_time',
          'answer_time',
          'end_time',
          'duration_ms',
        ],
        source: ['api', 'caller', 'callee', 'system', 'unknown'],
      },
    },
  ],
  ...WEBHOOKS.map(
    (name): Fact => [
      `${name}: its data names the session, and from, to, direction where known`,
      {
        given: () => {
          const body = deref(spec, webhookOperation(name).requestBody.content['application/json'].schema);
          const data = deref(spec, body.properties.data);
          return ['session_uuid', 'from', 'to', 'direction'].filter((key) => key in data.properties);
        },
        want: ['session_uuid', 'from', 'to', 'direction'],
      },
    ],
  ),
  // Errors are RFC 9457 problems, shared as components.
  ...perCommand(
    (command): Fact => [
      `${command}: documents every problem status as application/problem+json`,
      {
        given: () =>
          PROBLEM_STATUSES.map((status) => {
            const media = response(command, status)?.content?.['application/problem+json'];
            return [status, deref(spec, media?.schema)?.title];
          }),
        want: PROBLEM_STATUSES.map((status) => [status, 'Problem']),
      },
    ],
  ),
  [
    'the problem has type, title, status, detail, instance, and errors of { pointer | parameter | header, detail }',
    {
      given: () => ({
        properties: Object.keys(schema('Problem').properties),
        errors: Object.keys(schema('ProblemFieldError').properties),
        required: schema('ProblemFieldError').required,
        exactlyOneLocator: [schema('ProblemFieldError').minProperties, schema('ProblemFieldError').maxProperties],
      }),
      want: {
        properties: ['type', 'title', 'status', 'detail', 'instance', 'errors'],
        errors: ['pointer', 'parameter', 'header', 'detail'],
        required: ['detail'],
        exactlyOneLocator: [2, 2],
      },
    },
  ],
  [
    '429 and 503 carry a required Retry-After',
    {
      given: () =>
        ['429', '503'].map((status) => deref(spec, response('hangup', status).headers['Retry-After']).required),
      want: [true, true],
    },
  ],
  [
    'a replayed 202 is marked by Idempotent-Replayed',
    { given: () => Object.keys(response('answer', '202').headers), want: ['Idempotent-Replayed'] },
  ],
  [
    'the idempotency rules and window are stated',
    {
      given: () => spec.info.description,
      want: expect.stringMatching(
        /same command with the same `command_uid` and the same body returns the stored\s+`202`[\s\S]*different command or body is rejected with `422`[\s\S]*still being processed\s+is rejected with `409`[\s\S]*whole life of the\s+session and for 24 hours after it ends/,
      ),
    },
  ],
];

describe('the bundled spec states every fact of the source document', () => {
  it.each(facts)('%s', (_fact, { given, want }) => {
    expect(given()).toEqual(want);
  });
});
