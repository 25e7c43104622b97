import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  codeSamplesFor,
  curlSample,
  SAMPLE_LANGUAGES,
  typescriptSample,
  withCodeSamples,
} from '../src/code-samples.js';
import { listOperations, type OpenApiDocument, type OperationEntry } from '../src/openapi-document.js';
import { loadBundledSpec, resultsDir } from './support/bundled-spec.js';
import { typeCheck } from './support/type-check.js';

const spec = loadBundledSpec();
const commandEntries = listOperations(spec).filter((entry) => entry.kind === 'path');

function entryOf(document: OpenApiDocument, operationId: string): OperationEntry {
  const entry = listOperations(document).find((candidate) => candidate.operation.operationId === operationId);
  if (entry === undefined) throw new Error(`no operation ${operationId}`);
  return entry;
}

// The source document's curl calls (spec/source/call-control.original.txt), word for word; only
// the continuation lines are indented, which the copied text had lost.
const SOURCE_CURL: Array<[operationId: string, want: string]> = [
  [
    'answer',
    `curl -X POST https://gateway.example.com/api/v1/sessions/{uuid}/commands/answer \\
  -H "X-App-ID: YOUR_APP_ID" \\
  -H "X-API-Key: YOUR_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{}'
`,
  ],
  [
    'hangup',
    `curl -X POST https://gateway.example.com/api/v1/sessions/{uuid}/commands/hangup \\
  -H "X-App-ID: YOUR_APP_ID" \\
  -H "X-API-Key: YOUR_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{"cause": "USER_BUSY"}'
`,
  ],
  [
    'disconnect',
    `curl -X POST https://gateway.example.com/api/v1/sessions/{uuid}/commands/disconnect \\
  -H "X-App-ID: YOUR_APP_ID" \\
  -H "X-API-Key: YOUR_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{}'
`,
  ],
];

describe('curl samples', () => {
  it('cover the source document’s commands, each a command of the spec', () => {
    const commands = commandEntries.map((entry) => entry.operation.operationId);
    expect(
      SOURCE_CURL.map(([operationId]) => operationId).filter((operationId) => !commands.includes(operationId)),
    ).toEqual([]);
  });

  it.each(SOURCE_CURL)('%s: is the source document’s call, built from the spec', (operationId, want) => {
    expect(curlSample(spec, entryOf(spec, operationId))).toBe(want);
  });

  // Every command of the spec, the source's and any added since: the same shape of call.
  it.each(commandEntries.map((entry) => [entry.operation.operationId!, entry] as const))(
    '%s: POSTs to the default server and the spec’s path with both auth headers',
    (_operationId, entry) => {
      const lines = curlSample(spec, entry).split(' \\\n  ');
      expect(lines.slice(0, 3)).toEqual([
        `curl -X POST https://gateway.example.com${entry.name}`,
        '-H "X-App-ID: YOUR_APP_ID"',
        '-H "X-API-Key: YOUR_API_KEY"',
      ]);
    },
  );
});

describe('TypeScript samples', () => {
  it.each([
    ['answer', { wantCall: 'await client.answer(uuid);' }],
    ['hangup', { wantCall: "await client.hangup(uuid, { cause: 'USER_BUSY' });" }],
    ['disconnect', { wantCall: 'await client.disconnect(uuid);' }],
  ])('%s: calls the client method of that name with the first request example', (operationId, { wantCall }) => {
    const source = typescriptSample(spec, entryOf(spec, operationId));
    expect(source).toContain("import { createCallControlClient } from '@call-control/client';");
    expect(source).toContain("baseUrl: 'https://gateway.example.com',");
    expect(source).toContain("appId: 'YOUR_APP_ID',");
    expect(source).toContain("apiKey: 'YOUR_API_KEY',");
    expect(source).toContain(`const { data, error } = ${wantCall}`);
  });

  it('takes the session uuid from the path parameter’s example', () => {
    const parameter = spec.components?.parameters?.SessionUuid as { example: string };
    expect(typescriptSample(spec, entryOf(spec, 'hangup'))).toContain(`const uuid = '${parameter.example}';`);
  });
});

describe('quoting', () => {
  it("escapes a ' in a body example for the shell and for TypeScript", () => {
    const document = structuredClone(spec);
    const examples = document.components!.examples!;
    examples.HangupUserBusyRequest = { value: { cause: "IT'S" } };
    const entry = entryOf(document, 'hangup');
    expect(curlSample(document, entry)).toContain(`-d '{"cause": "IT'\\''S"}'`);
    expect(typescriptSample(document, entry)).toContain(`client.hangup(uuid, { cause: 'IT\\'S' })`);
  });
});

describe('withCodeSamples', () => {
  it('gives every command its curl, TypeScript and Python samples, and every webhook its Python receiver', () => {
    const decorated = withCodeSamples(spec);
    for (const entry of listOperations(decorated)) {
      const samples = entry.operation['x-codeSamples'];
      expect(samples, entry.name).toEqual(codeSamplesFor(spec, entryOf(spec, entry.operation.operationId!)));
      expect(samples?.map(({ lang }) => lang)).toEqual(
        entry.kind === 'webhook' ? [SAMPLE_LANGUAGES.python] : Object.values(SAMPLE_LANGUAGES),
      );
    }
    // …on a copy: the spec it was given is left as it was.
    expect(commandEntries.map((entry) => entry.operation['x-codeSamples'])).toEqual(
      commandEntries.map(() => undefined),
    );
  });

  it.each<[string, { change: (document: OpenApiDocument) => void; want: RegExp }]>([
    ['no server', { change: (document) => delete document.servers, want: /names no server/ }],
    [
      'a server variable without a default',
      {
        change: (document) => {
          document.servers = [{ url: 'https://{host}', variables: {} }];
        },
        want: /server variable host has no default/,
      },
    ],
    [
      'an API key in the query',
      {
        change: (document) => {
          document.components!.securitySchemes!.ApiKey = { type: 'apiKey', in: 'query', name: 'key' };
        },
        want: /security scheme ApiKey: samples support header API keys only/,
      },
    ],
    [
      'a scheme the client has no option for',
      {
        change: (document) => {
          document.security = [{ AppId: [], Token: [] }];
          document.components!.securitySchemes!.Token = { type: 'apiKey', in: 'header', name: 'X-Token' };
        },
        want: /no @call-control\/client option carries the security scheme Token/,
      },
    ],
    [
      'an operationId that is no method name',
      {
        change: (document) => {
          document.paths!['/api/v1/sessions/{uuid}/commands/answer']!.post!.operationId = 'answer-call';
        },
        want: /operationId answer-call is not a client method name/,
      },
    ],
    [
      'a request body without an example',
      {
        change: (document) => {
          const body = document.components!.requestBodies!.AnswerRequestBody as {
            content: Record<string, { examples?: unknown }>;
          };
          delete body.content['application/json']!.examples;
        },
        want: /request body has no example/,
      },
    ],
  ])('refuses a spec with %s rather than publish a wrong sample', (_, { change, want }) => {
    const document = structuredClone(spec);
    change(document);
    expect(() => withCodeSamples(document)).toThrow(want);
  });
});

// Compiled as a user's code would be, against the real client (a devDependency of this app).
describe('the TypeScript samples compile against @call-control/client', () => {
  const samples = Object.fromEntries(
    commandEntries.map((entry) => [`${entry.operation.operationId}.ts`, typescriptSample(spec, entry)]),
  );

  it('every command’s sample type-checks', () => {
    const diagnostics = typeCheck(samples, join(resultsDir, 'code-samples'));
    expect(diagnostics, 'a published sample does not compile against @call-control/client').toEqual([]);
  });

  it('a sample that misuses the client does not (the check can fail)', () => {
    const hangup = samples['hangup.ts']!.replace("{ cause: 'USER_BUSY' }", '{ cause: 17 }');
    expect(hangup).toContain('{ cause: 17 }');
    const diagnostics = typeCheck({ 'hangup.ts': hangup }, join(resultsDir, 'code-samples-broken'));
    expect(diagnostics.join('\n')).toMatch(/hangup\.ts:\d+:\d+ .*not assignable/);
  });
});
