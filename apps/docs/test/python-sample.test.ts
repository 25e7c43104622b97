// Every command's Python sample, run with Debian's python3 and requests against the real mock
// gateway (in-process, on 127.0.0.1): accepted, it prints the operation_id its command.result
// reports, with the command_uid it sent; refused, it prints the problem the gateway answered.
import { startMockGateway, type MockGateway } from '@call-control/mock-gateway';
import { afterEach, describe, expect, it } from 'vitest';
import { listOperations, type OperationEntry } from '../src/openapi-document.js';
import { pythonLiteral } from '../src/python-literal.js';
import { IDEMPOTENCY_KEY, pythonSample } from '../src/python-sample.js';
import { namedExamples, responsesOf } from '../src/operation-parts.js';
import { parameterExample, parameters, requestExamples, serverUrl } from '../src/sample-inputs.js';
import { loadBundledSpec } from './support/bundled-spec.js';
import { runPython, writeSample } from './support/python.js';

const spec = loadBundledSpec();
const commands = listOperations(spec).filter((entry) => entry.kind === 'path');

let gateway: MockGateway | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

/** The sample's text with one literal changed (which must be there exactly once). */
function replaceOnce(source: string, literal: unknown, replacement: unknown): string {
  const text = pythonLiteral(literal);
  expect(source.split(text), `${text} in the sample`).toHaveLength(2);
  return source.replace(text, pythonLiteral(replacement));
}

/** Runs a command's sample against `gateway`, the sample's server replaced by the gateway's URL. */
async function run(entry: OperationEntry, change: (source: string) => string = (source) => source) {
  const source = replaceOnce(pythonSample(spec, entry), serverUrl(spec), gateway!.url);
  const path = writeSample(`${entry.operation.operationId}.py`, change(source));
  const finished = await runPython(path);
  expect(finished.stderr).toBe('');
  expect(finished.code).toBe(0);
  return finished.stdout.trim().split('\n');
}

const exampleTitle = (entry: OperationEntry, status: string) => {
  const [, response] = responsesOf(spec, entry).find(([code]) => code === status)!;
  const [[, example]] = namedExamples(spec, Object.values(response.content ?? {})[0]!) as [
    [string, { value: { title: string } }],
  ];
  return example.value.title;
};

async function journaled(operationId: string, type: string) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const url = `${gateway!.url}/__mock/deliveries?operation=${operationId}&type=${type}`;
    const { deliveries } = (await (await fetch(url)).json()) as {
      deliveries: Array<{ payload: { data: Record<string, unknown> } }>;
    };
    if (deliveries.length > 0) return deliveries[0]!.payload.data;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no ${type} journaled for operation ${operationId}`);
}

it('covers every command of the spec', () => {
  expect(commands.length).toBeGreaterThan(0);
  for (const entry of commands) expect(pythonSample(spec, entry)).toContain(`requests.${entry.method}(`);
});

describe.each(commands.map((entry) => [entry.operation.operationId!, entry] as const))('%s in Python', (_, entry) => {
  const sentBody = requestExamples(spec, entry)
    .map(({ value }) => value as Record<string, unknown>)
    .find((value) => Object.hasOwn(value, IDEMPOTENCY_KEY))!;

  it('sends a request example that carries a command_uid', () => {
    expect(sentBody[IDEMPOTENCY_KEY]).toEqual(expect.any(String));
    expect(pythonSample(spec, entry)).toContain(`json=${pythonLiteral(sentBody)},`);
  });

  it('is accepted by the mock gateway and prints the operation its command.result reports', async () => {
    gateway = await startMockGateway({ port: 0, quiet: true });
    const [line] = await run(entry);
    const [status, operationId] = line!.split(' ');
    expect(status).toBe(Object.keys(entry.operation.responses ?? {}).find((code) => /^2/.test(code)));
    const result = await journaled(operationId!, 'command.result');
    expect(result).toMatchObject({
      operation_id: operationId,
      command: entry.operation.operationId,
      [IDEMPOTENCY_KEY]: sentBody[IDEMPOTENCY_KEY],
    });
  });

  it('prints the problem when the credentials are refused', async () => {
    gateway = await startMockGateway({ port: 0, quiet: true, appId: 'another-app', apiKey: 'another-key' });
    const [line] = await run(entry);
    expect(line).toMatch(new RegExp(`^401 ${exampleTitle(entry, '401')} - \\S`));
  });

  it('prints each field a validation problem names', async () => {
    gateway = await startMockGateway({ port: 0, quiet: true });
    const [uuid] = parameters(spec, entry).filter((parameter) => parameter.in === 'path');
    const lines = await run(entry, (source) => replaceOnce(source, parameterExample(spec, uuid!), 'not-a-uuid'));
    expect(lines[0]).toMatch(new RegExp(`^422 ${exampleTitle(entry, '422')} - \\S`));
    expect(lines.slice(1)).toContainEqual(expect.stringMatching(new RegExp(`^ {2}'${uuid!.name}': must `)));
  });
});

it('a sample that cannot run fails (the check can fail)', async () => {
  const path = writeSample('broken.py', pythonSample(spec, commands[0]!).replace('import requests', 'import requestz'));
  const { code, stderr } = await runPython(path);
  expect(code).not.toBe(0);
  expect(stderr).toContain("No module named 'requestz'");
});
