// What the client reads of an answer, over real HTTP against the recording server on
// 127.0.0.1: a success it cannot read is an error of its own (never a network failure, never
// re-sent), and no body is read past MAX_RESPONSE_BYTES.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallControlClient } from '../src/call-control-client.js';
import { CallControlNetworkError, CallControlResponseError } from '../src/errors.js';
import { MAX_RESPONSE_BYTES } from '../src/response-guard.js';
import { startRecordingServer, type RecordingServer } from './support/recording-server.js';

const SESSION = '3f9c2a7e-8b1d-4c5e-9a2f-6d7e8f901234';
const FLOOD_BYTES = 64 * 1024 * 1024;
let server: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(() => server.close());

const client = (options: Partial<Parameters<typeof createCallControlClient>[0]> = {}) =>
  createCallControlClient({
    baseUrl: server.url,
    appId: 'app-1',
    apiKey: 'key-1',
    retry: { baseDelayMs: 10 },
    ...options,
  });
const failureOf = (call: Promise<unknown>) =>
  call.then(
    () => 'resolved',
    (error: unknown) => error,
  );

describe('a success the client cannot read', () => {
  it.each([
    ['not JSON at all', 'accepted'],
    ['JSON cut short', '{"operation_id":"a1b2c3d4'],
    ['an HTML page', '<html><body>OK</body></html>'],
  ])('a 202 whose body is %s is a CallControlResponseError, sent once', async (_case, text) => {
    server.script({ status: 202, text });
    const failure = await failureOf(client().hangup(SESSION));
    expect(failure).toBeInstanceOf(CallControlResponseError);
    expect(failure).not.toBeInstanceOf(CallControlNetworkError);
    expect((failure as CallControlResponseError).response.status).toBe(202);
    expect((failure as Error).message).toMatch(/answered 202, but its body is not JSON; the command may have run/);
    expect((failure as Error).cause).toBeInstanceOf(SyntaxError);
    expect(server.requests).toHaveLength(1);
  });

  it('reads an empty 2xx body as no data', async () => {
    server.script({ status: 202, text: '' });
    const { data, error } = await client().hangup(SESSION);
    expect([data, error]).toEqual([undefined, undefined]);
  });
});

describe('bodies over MAX_RESPONSE_BYTES', () => {
  it.each([
    ['a declared length', true],
    ['no declared length (chunked)', false],
  ])(
    'a huge 2xx body (64 MiB) with %s is refused, and the client hangs up instead of reading it',
    async (_case, declareLength) => {
      server.script({ status: 202, flood: { bytes: FLOOD_BYTES, declareLength } });
      const failure = await failureOf(client().hangup(SESSION));
      expect(failure).toBeInstanceOf(CallControlResponseError);
      expect((failure as Error).message).toContain(`its body is over ${MAX_RESPONSE_BYTES} bytes`);
      const [flood] = server.floods;
      await flood!.over;
      // What the socket buffers hold is all that got through; the client read none of the rest.
      expect(flood!.finished).toBe(false);
      expect(flood!.written).toBeLessThan(FLOOD_BYTES / 4);
      expect(server.requests).toHaveLength(1);
    },
  );

  it('an error status with a huge body comes back as a Problem that says why it is empty', async () => {
    server.script({ status: 500, flood: { bytes: FLOOD_BYTES, declareLength: false } });
    const { error, response } = await client().hangup(SESSION);
    expect(response.status).toBe(500);
    expect(error).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: `The response was not read: its body is over ${MAX_RESPONSE_BYTES} bytes.`,
    });
    await server.floods[0]!.over;
    expect(server.floods[0]!.finished).toBe(false);
  });

  it('reads a body of exactly MAX_RESPONSE_BYTES, declared or not', async () => {
    const problem = { type: 'about:blank', title: 'Bad', status: 400, detail: '' };
    problem.detail = 'x'.repeat(MAX_RESPONSE_BYTES - JSON.stringify(problem).length);
    expect(JSON.stringify(problem)).toHaveLength(MAX_RESPONSE_BYTES);
    for (const headers of [{}, { 'transfer-encoding': 'chunked' }] as Record<string, string>[]) {
      server.script({ status: 400, headers, body: problem });
      expect((await client().hangup(SESSION)).error).toEqual(problem);
    }
  });
});
