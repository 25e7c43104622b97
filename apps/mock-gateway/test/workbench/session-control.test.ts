// The control plane's sessions: a new inbound call on demand, a session's state, and a
// remote party hanging up. Every answer is held to the control plane's document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control } from '../support/control-plane.js';
import { newSession, startGateway } from '../support/gateway.js';
import { useGatewayWithReceiver } from '../support/gateway-with-receiver.js';
import { expectProblem, expectValid, PROBLEM_TYPE_BASE } from '../support/spec.js';

const live = useGatewayWithReceiver('control');

/** The remote hang-up, its answer checked against the control plane's document. */
const remoteHangup = async (session: string, body?: string) => {
  const { response, body: answer } = await control(
    live.gateway.url,
    'POST',
    `/__mock/sessions/${session}/remote-hangup`,
    body === undefined ? {} : { body },
  );
  // Handed on as a fresh Response, for expectProblem and friends.
  return new Response(JSON.stringify(answer), { status: response.status, headers: response.headers });
};

describe('POST /__mock/sessions', () => {
  it('starts a ringing inbound call with a fresh UUID, which the API can answer', async () => {
    const { response, body } = await control(live.gateway.url, 'POST', '/__mock/sessions');
    expect(response.status).toBe(201);
    expect(body).toEqual({ uuid: expect.stringMatching(/^[0-9a-f-]{36}$/), state: 'ringing' });
    expect(response.headers.get('location')).toBe(`/__mock/sessions/${body.uuid}`);
    expect((await control(live.gateway.url, 'GET', response.headers.get('location')!)).body.state).toBe('ringing');
    expect((await live.gateway.command(body.uuid, 'answer')).status).toBe(202);
  });

  it('takes the UUID it is given (in lower case), once', async () => {
    const uuid = newSession().toUpperCase();
    const first = await control(live.gateway.url, 'POST', '/__mock/sessions', { body: JSON.stringify({ uuid }) });
    expect(first.body).toEqual({ uuid: uuid.toLowerCase(), state: 'ringing' });
    const again = await control(live.gateway.url, 'POST', '/__mock/sessions', { body: JSON.stringify({ uuid }) });
    expect(again.response.status).toBe(409);
    expect(again.body).toMatchObject({
      type: `${PROBLEM_TYPE_BASE}mock-session-exists`,
      detail: expect.stringContaining('(ringing)'),
    });
  });

  it('409 for a session the API already created', async () => {
    const uuid = newSession();
    await live.gateway.command(uuid, 'answer');
    expect(
      (await control(live.gateway.url, 'POST', '/__mock/sessions', { body: JSON.stringify({ uuid }) })).response.status,
    ).toBe(409);
  });

  it.each([
    [
      'a uuid that is not one',
      '{"uuid":"abc"}',
      [{ pointer: '/uuid', detail: 'must be a UUID such as 3f9c2a7e-8b1d-4c5e-9a2f-6d7e8f901234' }],
    ],
    [
      'a uuid in braces',
      '{"uuid":"{3f9c2a7e-8b1d-4c5e-9a2f-6d7e8f901234}"}',
      [{ pointer: '/uuid', detail: 'must be a UUID such as 3f9c2a7e-8b1d-4c5e-9a2f-6d7e8f901234' }],
    ],
    [
      'a member it does not take',
      '{"state":"answered"}',
      [{ pointer: '/state', detail: 'is not a member of this request (only uuid is)' }],
    ],
    [
      'an array',
      '[]',
      [{ pointer: '', detail: 'must be an object, such as {"uuid": "3f9c2a7e-8b1d-4c5e-9a2f-6d7e8f901234"}' }],
    ],
  ])('rejects %s with a 422 naming the field', async (_name, body, errors) => {
    const { response, body: problem } = await control(live.gateway.url, 'POST', '/__mock/sessions', { body });
    expect(response.status).toBe(422);
    expect(problem.errors).toEqual(errors);
  });

  it('rejects malformed JSON with a 400, and a body over the limit with a 413', async () => {
    expect((await control(live.gateway.url, 'POST', '/__mock/sessions', { body: '{bad' })).body.type).toBe(
      `${PROBLEM_TYPE_BASE}malformed-json`,
    );
    expect(
      (await control(live.gateway.url, 'POST', '/__mock/sessions', { body: `{"uuid":"${'x'.repeat(20_000)}"}` }))
        .response.status,
    ).toBe(413);
  });
});

describe('POST /__mock/sessions/{uuid}/remote-hangup', () => {
  it.each([
    [
      'the caller, on a ringing call, by default',
      {
        body: undefined,
        answered: false,
        want: { hangup_source: 'caller', hangup_cause: 'NORMAL_CLEARING', hangup_cause_code: 16 },
      },
    ],
    [
      'the callee, with a cause',
      {
        body: '{"source":"callee","cause":"USER_BUSY"}',
        answered: true,
        want: { hangup_source: 'callee', hangup_cause: 'USER_BUSY', hangup_cause_code: 17 },
      },
    ],
    [
      'the gateway itself',
      {
        body: '{"source":"system","cause":"ALLOTTED_TIMEOUT"}',
        answered: true,
        want: { hangup_source: 'system', hangup_cause_code: 802 },
      },
    ],
  ])('%s → call.hangup with operation_id null', async (_name, { body, answered, want }) => {
    const session = newSession();
    if (answered) await live.gateway.command(session, 'answer');
    const response = await remoteHangup(session, body);
    expect(response.status).toBe(202);
    const { webhook_id } = await response.json();
    await live.receiver.waitFor(() =>
      live.receiver.forSession(session).some(({ event }) => event.type === 'call.hangup'),
    );
    const hangup = live.receiver.forSession(session).at(-1)!;
    expect(hangup.webhookId).toBe(webhook_id);
    expect(hangup.event.data).toMatchObject({ ...want, operation_id: null });
    expectValid('CallHangupEvent', hangup.event);
    expect((hangup.event.data as { answer_time: string | null }).answer_time === null).toBe(!answered);
    // The call is over for the API too.
    await expectProblem(await live.gateway.command(session, 'hangup'), 404, 'session-not-found');
  });

  it.each([
    [
      'a source the remote side cannot be',
      '{"source":"api"}',
      [{ pointer: '/source', detail: 'must be one of caller, callee, system, unknown' }],
    ],
    [
      'a cause the spec does not list',
      '{"cause":"NOT_A_CAUSE"}',
      [{ pointer: '/cause', detail: 'must be a known hangup cause name' }],
    ],
    [
      'a name that is only an Object property',
      '{"cause":"constructor"}',
      [{ pointer: '/cause', detail: 'must be a known hangup cause name' }],
    ],
    ['null', 'null', [{ pointer: '', detail: 'must be an object, such as {"source": "caller"}' }]],
  ])('rejects %s with a 422 naming the field', async (_name, body, errors) => {
    const problem = await expectProblem(await remoteHangup(newSession(), body), 422);
    expect(problem.errors).toEqual(errors);
  });

  it('rejects malformed JSON (or a member given twice) with a 400, and a session that already ended with a 404', async () => {
    await expectProblem(await remoteHangup(newSession(), '{bad'), 400, 'malformed-json');
    await expectProblem(
      await remoteHangup(newSession(), '{"cause":"USER_BUSY","cause":"NOT_A_CAUSE"}'),
      400,
      'malformed-json',
    );
    const session = newSession();
    await live.gateway.command(session, 'hangup');
    await expectProblem(await remoteHangup(session), 404, 'session-not-found');
  });
});

describe('a session id the API would refuse', () => {
  it.each([`urn:uuid:${newSession()}`, '-'.repeat(36), newSession().replaceAll('-', ''), 'not-a-uuid'])(
    '%s is not a session here either (404), and no webhook goes out',
    async (id) => {
      const hangup = await expectProblem(await remoteHangup(id), 404);
      expect(hangup.detail).toMatch(/is not a session UUID/);
      expect((await control(live.gateway.url, 'GET', `/__mock/sessions/${id}`)).response.status).toBe(404);
      expect(live.receiver.events.filter(({ event }) => event.data.session_uuid === id.toLowerCase())).toEqual([]);
    },
  );
});

describe('GET /__mock/sessions/{uuid}', () => {
  it('reports the state as the call goes on', async () => {
    const session = newSession();
    const state = async () => (await control(live.gateway.url, 'GET', `/__mock/sessions/${session}`)).body.state;
    await live.gateway.command(session, 'answer');
    expect(await state()).toBe('answered');
    await remoteHangup(session);
    expect(await state()).toBe('ended');
  });

  it('404 for a session the mock has not seen (reading does not create it)', async () => {
    const session = newSession();
    expect((await control(live.gateway.url, 'GET', `/__mock/sessions/${session}`)).response.status).toBe(404);
    expect((await control(live.gateway.url, 'GET', `/__mock/sessions/${session}`)).response.status).toBe(404);
  });
});

describe('with --app-id/--api-key set, the control plane asks for the same credentials', () => {
  const PAIR = { 'X-App-ID': 'app-1', 'X-API-Key': 'key-1' };
  let strict: Awaited<ReturnType<typeof startGateway>>;
  beforeAll(async () => {
    strict = await startGateway({ appId: 'app-1', apiKey: 'key-1' });
  });
  afterAll(() => strict.close());

  it.each<[string, Record<string, string>]>([
    ['no credentials', {}],
    ['the wrong key', { 'X-App-ID': 'app-1', 'X-API-Key': 'key-2' }],
  ])('%s → 401 on both endpoints, and the call goes on', async (_name, headers) => {
    const session = newSession();
    expect((await strict.command(session, 'answer', {}, { headers: PAIR })).status).toBe(202);
    await expectProblem(
      await fetch(`${strict.url}/__mock/sessions/${session}/remote-hangup`, { method: 'POST', headers }),
      401,
      'unauthorized',
    );
    await expectProblem(await fetch(`${strict.url}/__mock/sessions/${session}`, { headers }), 401, 'unauthorized');
    const state = await fetch(`${strict.url}/__mock/sessions/${session}`, { headers: PAIR });
    expect((await state.json()).state).toBe('answered');
  });

  it('the configured pair may hang up', async () => {
    const session = newSession();
    expect(
      (await fetch(`${strict.url}/__mock/sessions/${session}/remote-hangup`, { method: 'POST', headers: PAIR })).status,
    ).toBe(202);
  });
});
