// Every webhook's Python receiver sample, run as a real process (Debian's python3) on a port of
// 127.0.0.1: it verifies a real delivery from the mock gateway (its webhook URL pointing at the
// receiver) and handles it once; and it refuses what an attacker or a broken sender would send —
// a tampered body, the wrong secret, a stale or future timestamp, no signature — while it takes
// a rotation's several signatures, a duplicate, and a type it does not know.
import { generateWebhookSecret, startMockGateway, type MockGateway } from '@call-control/mock-gateway';
import { signWebhook } from '@call-control/webhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOperations, type OperationEntry } from '../src/openapi-document.js';
import { namedExamples, responsesOf } from '../src/operation-parts.js';
import { triggeredBy } from '../src/operation-markdown.js';
import { pythonReceiverSample, TOLERANCE_LIMIT } from '../src/python-receiver.js';
import { parameterExample, parameters } from '../src/sample-inputs.js';
import { loadBundledSpec } from './support/bundled-spec.js';
import { runPython, startPythonServer, writeSample, type PythonServer } from './support/python.js';

const spec = loadBundledSpec();
const operations = listOperations(spec);
const webhooks = operations.filter((entry) => entry.kind === 'webhook');
const tolerance = (spec as { 'x-gateway-limits'?: Record<string, number> })['x-gateway-limits']![TOLERANCE_LIMIT]!;
const secret = generateWebhookSecret();

/** The problem the receiver answers a bad signature with: the webhook's 4xx example. */
function refusal(entry: OperationEntry) {
  const [status, response] = responsesOf(spec, entry).find(([code]) => /^4/.test(code))!;
  const [first] = namedExamples(spec, Object.values(response.content ?? {})[0]!);
  return { status, body: first![1].value as { status: number } };
}

interface Delivery {
  id: string;
  state: string;
  attempts: Array<{ status: number | string }>;
  payload: { id: string; type: string; data: Record<string, unknown> };
}

describe.each(webhooks.map((entry) => [entry.name, entry] as const))('the %s receiver in Python', (name, entry) => {
  const command = operations.find((candidate) =>
    triggeredBy(candidate)?.webhooks.some(({ webhook }) => webhook === name),
  );
  let receiver: PythonServer;
  let gateway: MockGateway;
  let delivered: Delivery | undefined;
  /** The webhook-ids it has handled (printed), in order. */
  const handled = () =>
    receiver
      .stdout()
      .split('\n')
      .filter((line) => line.startsWith(`${name} `))
      .map((line) => line.split(' ')[1]!);
  let sequence = 0;
  const freshId = () => `evt_${Date.now()}n${++sequence}`;

  beforeAll(async () => {
    const path = writeSample(`receiver_${name.replaceAll('.', '_')}.py`, pythonReceiverSample(spec, entry));
    receiver = await startPythonServer(path, ['--port', '0'], { WEBHOOK_SECRET: secret });
    gateway = await startMockGateway({
      port: 0,
      quiet: true,
      webhookUrl: `${receiver.url}/webhooks`,
      webhookSecret: secret,
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await receiver?.stop();
  });

  it('is sent after a command the spec names', () => {
    expect(command, `no command triggers ${name}`).toBeDefined();
  });

  it('verifies a real delivery from the mock gateway, answers 2xx and handles it', async () => {
    const [uuid] = parameters(spec, command!).filter((parameter) => parameter.in === 'path');
    const session = String(parameterExample(spec, uuid!));
    const path = command!.name.replace(`{${uuid!.name}}`, session);
    const accepted = await fetch(`${gateway.url}${path}`, {
      method: command!.method.toUpperCase(),
      headers: { 'X-App-ID': 'app', 'X-API-Key': 'key', 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(accepted.status).toBe(202);
    for (let attempt = 0; attempt < 200 && delivered?.state !== 'delivered'; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const journal = await fetch(`${gateway.url}/__mock/deliveries?session=${session}&type=${name}`);
      [delivered] = ((await journal.json()) as { deliveries: Delivery[] }).deliveries;
    }
    expect(delivered?.state, receiver.stderr()).toBe('delivered');
    expect(delivered!.attempts.at(-1)?.status).toBe(204);
    const line = await printed(delivered!.id);
    expect(JSON.parse(line.split(' ').slice(2).join(' '))).toEqual(delivered!.payload.data);
  });

  /** The line the receiver printed for `id`, once it has (its stdout comes a moment after its answer). */
  async function printed(id: string): Promise<string> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const line = receiver
        .stdout()
        .split('\n')
        .find((candidate) => candidate.startsWith(`${name} ${id} `));
      if (line !== undefined) return line;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`the receiver did not print ${id}:\n${receiver.stdout()}${receiver.stderr()}`);
  }

  /**
   * What it has handled once every earlier request is done: a fresh, valid event is sent after
   * them and waited for, so a line that was going to come has come.
   */
  async function handledSoFar(): Promise<string[]> {
    const event = { ...delivered!.payload, id: freshId() };
    const body = JSON.stringify(event);
    expect((await send(body, signWebhook({ id: event.id, body, secret }))).status).toBe(204);
    await printed(event.id);
    return handled().filter((id) => id !== event.id);
  }

  /** POSTs `body` to the receiver with the headers `sign` makes; returns the status and body. */
  async function send(body: string, headers: Record<string, string>) {
    const response = await fetch(`${receiver.url}/webhooks`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body,
    });
    return { status: response.status, body: await response.text() };
  }
  const now = () => new Date();
  const seconds = (offset: number) => new Date(Date.now() + offset * 1000);

  it.each<[string, { make: (event: Delivery['payload']) => { body: string; headers: Record<string, string> } }]>([
    [
      'a tampered body',
      {
        make: (event) => {
          const body = JSON.stringify(event);
          return { body: body.replace(event.id, `${event.id}0`), headers: signWebhook({ id: event.id, body, secret }) };
        },
      },
    ],
    [
      'another secret',
      {
        make: (event) => {
          const body = JSON.stringify(event);
          return { body, headers: signWebhook({ id: event.id, body, secret: generateWebhookSecret() }) };
        },
      },
    ],
    [
      `a timestamp older than ${tolerance} s`,
      {
        make: (event) => {
          const body = JSON.stringify(event);
          return { body, headers: signWebhook({ id: event.id, body, secret, timestamp: seconds(-tolerance - 30) }) };
        },
      },
    ],
    [
      `a timestamp more than ${tolerance} s ahead`,
      {
        make: (event) => {
          const body = JSON.stringify(event);
          return { body, headers: signWebhook({ id: event.id, body, secret, timestamp: seconds(tolerance + 30) }) };
        },
      },
    ],
    [
      'no signature',
      {
        make: (event) => {
          const body = JSON.stringify(event);
          const { 'webhook-signature': _, ...headers } = signWebhook({ id: event.id, body, secret });
          return { body, headers };
        },
      },
    ],
  ])('refuses %s with the spec’s problem, and handles nothing', async (_, { make }) => {
    const id = freshId();
    const { body, headers } = make({ ...delivered!.payload, id });
    const answer = await send(body, headers);
    const { status, body: problem } = refusal(entry);
    expect(String(answer.status)).toMatch(new RegExp(`^${status.replaceAll('X', '\\d')}$`));
    expect(answer.status).toBe(problem.status);
    expect(JSON.parse(answer.body)).toEqual(problem);
    expect(await handledSoFar()).not.toContain(id);
  });

  it('takes a rotation’s several signatures when one matches', async () => {
    const event = { ...delivered!.payload, id: freshId() };
    const body = JSON.stringify(event);
    const signed = signWebhook({ id: event.id, body, secret: [generateWebhookSecret(), secret], timestamp: now() });
    expect(signed['webhook-signature'].split(' ')).toHaveLength(2);
    expect((await send(body, signed)).status).toBe(204);
    await printed(event.id);
  });

  it('acknowledges a duplicate (the same webhook-id) without handling it twice', async () => {
    const body = JSON.stringify(delivered!.payload);
    expect((await send(body, signWebhook({ id: delivered!.id, body, secret }))).status).toBe(204);
    expect((await handledSoFar()).filter((id) => id === delivered!.id)).toHaveLength(1);
  });

  it('acknowledges a verified type it does not know, and ignores it', async () => {
    const event = { ...delivered!.payload, id: freshId(), type: 'call.transferred' };
    const body = JSON.stringify(event);
    expect((await send(body, signWebhook({ id: event.id, body, secret }))).status).toBe(204);
    await handledSoFar();
    expect(receiver.stdout()).not.toContain(event.id);
  });
});

it('will not start without a whsec_ secret', async () => {
  const path = writeSample('receiver_without_secret.py', pythonReceiverSample(spec, webhooks[0]!));
  const { code, stderr } = await runPython(path, ['--port', '0'], { WEBHOOK_SECRET: 'not-a-secret' });
  expect(code).toBe(2);
  expect(stderr).toContain('WEBHOOK_SECRET must be your whsec_');
});
