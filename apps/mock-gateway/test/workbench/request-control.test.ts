// GET /__mock/requests and /count against a live mock: what an app sent, with its answer,
// filtered, paged, counted and waited for — every answer held to the control plane's document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control } from '../support/control-plane.js';
import { AUTH, newSession, startGateway } from '../support/gateway.js';
import { PROBLEM_TYPE_BASE } from '../support/spec.js';

let gateway: Awaited<ReturnType<typeof startGateway>>;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(() => gateway.close());

const get = (path: string) => control(gateway.url, 'GET', path);

describe('GET /__mock/requests', () => {
  it('records each request to the API with what came in and the answer, the API key masked', async () => {
    const session = newSession();
    const answered = await (await gateway.command(session, 'answer', { command_uid: 'uid-1' })).json();
    await gateway.command(session, 'hangup', { cause: 'user_busy' });
    await get('/__mock/deliveries'); // the control plane's own requests are not journaled
    const { body } = await get(`/__mock/requests?session=${session.toUpperCase()}`);
    expect(body.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: `/api/v1/sessions/${session}/commands/answer`,
        session_uuid: session,
        command: 'answer',
        app_id: AUTH['X-App-ID'],
        headers: expect.objectContaining({ 'x-app-id': AUTH['X-App-ID'], 'x-api-key': '***' }),
        body: '{"command_uid":"uid-1"}',
        body_bytes: 23,
        body_truncated: false,
        status: 202,
        operation_id: answered.operation_id,
        problem_type: null,
      }),
      expect.objectContaining({
        command: 'hangup',
        body: '{"cause":"user_busy"}',
        status: 422,
        operation_id: null,
        problem_type: `${PROBLEM_TYPE_BASE}validation-failed`,
      }),
    ]);
    expect(JSON.stringify(body)).not.toContain(AUTH['X-API-Key']);
  });

  it('records what the API refused before reading it: an unknown path, a body over the limit (not kept)', async () => {
    await fetch(`${gateway.url}/api/v1/nothing`, { headers: { 'X-App-ID': 'app-refused' } });
    await gateway.command(newSession(), 'hangup', undefined, {
      raw: 'x'.repeat(20_000),
      headers: { 'X-App-ID': 'app-refused' },
    });
    const { body } = await get('/__mock/requests?app_id=app-refused');
    expect(
      body.requests.map(({ path, status, command, body: sent, body_bytes }: Record<string, unknown>) => [
        path,
        status,
        command,
        sent,
        body_bytes,
      ]),
    ).toEqual([
      ['/api/v1/nothing', 404, null, '', 0],
      [expect.stringMatching(/\/commands\/hangup$/), 413, 'hangup', null, null],
    ]);
  });

  it('keeps the first 4,096 bytes of a body, and says how long it was', async () => {
    const raw = JSON.stringify({ cause: 'USER_BUSY', command_uid: 'a'.repeat(5_000) });
    await gateway.command(newSession(), 'hangup', undefined, { raw, headers: { 'X-App-ID': 'app-long' } });
    const [entry] = (await get('/__mock/requests?app_id=app-long')).body.requests;
    expect([entry.body, entry.body_bytes, entry.body_truncated]).toEqual([raw.slice(0, 4_096), raw.length, true]);
  });

  it('filters by command and status together, and pages oldest first through next links', async () => {
    const sessions = Array.from({ length: 5 }, newSession);
    for (const session of sessions)
      await gateway.command(session, 'disconnect', {}, { headers: { 'X-App-ID': 'app-pages' } });
    const paths: string[] = [];
    let next: string | null = '/__mock/requests?app_id=app-pages&command=disconnect&status=202&limit=2';
    while (next !== null) {
      const { body } = await get(next);
      paths.push(...body.requests.map(({ path }: { path: string }) => path));
      next = body.next;
    }
    expect(paths).toEqual(sessions.map((session) => `/api/v1/sessions/${session}/commands/disconnect`));
  });

  it('holds an empty answer with wait_ms until a request comes', async () => {
    const session = newSession();
    const waited = get(`/__mock/requests?session=${session}&wait_ms=5000`);
    setTimeout(() => void gateway.command(session, 'answer'), 50);
    const started = performance.now();
    const { body } = await waited;
    expect(body.requests.map(({ command }: { command: string }) => command)).toEqual(['answer']);
    expect(performance.now() - started).toBeLessThan(4_000);
  });

  it('answers an empty page once wait_ms passes with no match', async () => {
    const { response, body } = await get(`/__mock/requests?session=${newSession()}&wait_ms=50`);
    expect([response.status, body]).toEqual([200, { requests: [], next: null }]);
  });

  it('after a cursor, only later requests (a forgotten id still works: ids only grow)', async () => {
    const session = newSession();
    await gateway.command(session, 'answer');
    const [first] = (await get(`/__mock/requests?session=${session}`)).body.requests;
    await gateway.command(session, 'hangup');
    const later = (await get(`/__mock/requests?session=${session}&after=${first.id}`)).body.requests;
    expect(later.map(({ command }: { command: string }) => command)).toEqual(['hangup']);
    expect((await get(`/__mock/requests?session=${session}&after=req_0`)).body.requests).toHaveLength(2);
  });

  it.each([
    [
      'an unknown filter',
      'cause=USER_BUSY',
      'cause',
      /^is not a parameter here \(use session, command, status, app_id, limit, wait_ms, after\)$/,
    ],
    ['an unknown command', 'command=transfer', 'command', /^must be one of answer, hangup, disconnect$/],
    ['a status that is not one', 'status=2000', 'status', /^must be an HTTP status/],
    ['a session that is not a UUID', 'session=abc', 'session', /^must be a session UUID$/],
    ['an empty app_id', 'app_id=', 'app_id', /^must be an X-App-ID/],
    ['a cursor that is not a request id', 'after=evt_1', 'after', /^must be a request id/],
    ['a limit past the maximum', 'limit=1001', 'limit', /^must be a whole number from 1 to 1000$/],
    ['a wait past the cap', 'wait_ms=30001', 'wait_ms', /^must be whole milliseconds from 0 to 30000$/],
  ])('refuses %s with a 422 naming the parameter', async (_name, query, parameter, detail) => {
    const { response, body } = await get(`/__mock/requests?${query}`);
    expect(response.status).toBe(422);
    expect(body).toMatchObject({
      type: `${PROBLEM_TYPE_BASE}mock-control-invalid`,
      errors: [{ parameter, detail: expect.stringMatching(detail) }],
    });
  });
});

describe('GET /__mock/requests/count', () => {
  it('counts what the filters select', async () => {
    const session = newSession();
    await gateway.command(session, 'answer');
    await gateway.command(session, 'hangup', { cause: 'USER_BUSY' });
    await gateway.command(session, 'hangup', { cause: 'USER_BUSY' });
    const count = async (query: string) => (await get(`/__mock/requests/count?${query}`)).body.count;
    expect(await count(`session=${session}`)).toBe(3);
    expect(await count(`session=${session}&command=hangup`)).toBe(2);
    expect(await count(`session=${session}&command=hangup&status=202`)).toBe(1);
    expect(await count(`session=${session}&status=404`)).toBe(1);
  });

  it('takes only filters', async () => {
    const { response, body } = await get('/__mock/requests/count?limit=1');
    expect([response.status, body.errors[0].parameter]).toEqual([422, 'limit']);
  });
});

describe('--request-journal off', () => {
  it('records nothing', async () => {
    const quiet = await startGateway({ requestJournal: false });
    try {
      await quiet.command(newSession(), 'answer');
      expect((await control(quiet.url, 'GET', '/__mock/requests/count')).body.count).toBe(0);
    } finally {
      await quiet.close();
    }
  });
});
