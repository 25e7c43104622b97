// The control plane's sessions: a new inbound call on demand, a session's state, and a
// remote party hanging up. Every answer is held to the control plane's document.
import FakeTimers from '@sinonjs/fake-timers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_GONE_ERROR } from '../support/call-rules.js';
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

  // Each judged by the NewSessionRequest schema of the control plane's document, the errors as Ajv says them.
  const UUID_RULE =
    'must match pattern "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"';
  it.each([
    [
      'a uuid that is not one',
      '{"uuid":"abc"}',
      [
        { pointer: '/uuid', detail: UUID_RULE },
        { pointer: '/uuid', detail: 'must match format "uuid"' },
      ],
    ],
    [
      'a uuid in braces',
      '{"uuid":"{3f9c2a7e-8b1d-4c5e-9a2f-6d7e8f901234}"}',
      [
        { pointer: '/uuid', detail: UUID_RULE },
        { pointer: '/uuid', detail: 'must match format "uuid"' },
      ],
    ],
    [
      'a member it does not take',
      '{"state":"answered"}',
      [{ pointer: '/state', detail: 'is not allowed: the request takes no such field' }],
    ],
    [
      'a direction the contract does not have',
      '{"direction":"sideways"}',
      [{ pointer: '/direction', detail: 'must be equal to one of the allowed values: inbound, outbound' }],
    ],
    [
      'a party longer than CallParty allows',
      `{"from":"${'1'.repeat(257)}"}`,
      [{ pointer: '/from', detail: 'must NOT have more than 256 characters' }],
    ],
    ['a party that is not text', '{"to":5}', [{ pointer: '/to', detail: 'must be string' }]],
    [
      'an array',
      '[]',
      [
        {
          pointer: '',
          detail: 'must be an object, such as {"direction": "inbound", "from": "+15551230001", "to": "+15551230002"}',
        },
      ],
    ],
  ])('rejects %s with a 422 naming the field', async (_name, body, errors) => {
    const { response, body: problem } = await control(live.gateway.url, 'POST', '/__mock/sessions', { body });
    expect(response.status).toBe(422);
    expect(problem.type).toBe(`${PROBLEM_TYPE_BASE}mock-control-invalid`);
    expect(problem.errors).toEqual(errors);
  });

  it('makes the call it is given: every webhook reports its direction and parties, and so does its state', async () => {
    const call = { direction: 'outbound', from: '+15551230001', to: 'sip:alice@example.com' };
    const { body: created } = await control(live.gateway.url, 'POST', '/__mock/sessions', {
      body: JSON.stringify(call),
    });
    const session: string = created.uuid;
    const { body: state } = await control(live.gateway.url, 'GET', `/__mock/sessions/${session}`);
    expect(state).toMatchObject({ ...call, state: 'ringing', answered_at: null });
    await live.gateway.command(session, 'answer');
    await live.gateway.command(session, 'hangup');
    const events = await live.receiver.waitFor(() => live.receiver.forSession(session).length === 4);
    const mine = events.filter(({ event }) => event.data.session_uuid === session);
    expect(mine.map(({ event }) => event.type)).toEqual([
      'call.answered',
      'command.result',
      'command.result',
      'call.hangup',
    ]);
    for (const { event } of mine) {
      expect(event.data).toMatchObject(call);
      expectValid(
        event.type === 'command.result'
          ? 'CommandResultEvent'
          : event.type === 'call.answered'
            ? 'CallAnsweredEvent'
            : 'CallHangupEvent',
        event,
      );
    }
  });

  it('without a body, the call is inbound and its webhooks name no parties', async () => {
    const { body: created } = await control(live.gateway.url, 'POST', '/__mock/sessions');
    const { body: state } = await control(live.gateway.url, 'GET', `/__mock/sessions/${created.uuid}`);
    expect(state.direction).toBe('inbound');
    expect(state).not.toHaveProperty('from');
    await live.gateway.command(created.uuid, 'disconnect');
    const [first] = await live.receiver.waitFor(() => live.receiver.forSession(created.uuid).length === 2);
    const data = live.receiver.forSession(created.uuid)[0]!.event.data;
    expect(first).toBeDefined();
    expect(data).toMatchObject({ direction: 'inbound' });
    expect(data).not.toHaveProperty('from');
    expect(data).not.toHaveProperty('to');
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
    if (answered) {
      // Answered means call.answered went out: a hang-up before that wins the race (see call-races).
      await live.gateway.command(session, 'answer');
      await live.receiver.waitFor(() =>
        live.receiver.forSession(session).some(({ event }) => event.type === 'call.answered'),
      );
    }
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

  // Judged by the RemoteHangupRequest schema of the control plane's document (its cause is the contract's HangupCause).
  it.each([
    [
      'a source the remote side cannot be',
      '{"source":"api"}',
      [{ pointer: '/source', detail: 'must be equal to one of the allowed values: caller, callee, system, unknown' }],
    ],
    [
      'a cause HangupCause does not allow',
      '{"cause":"constructor"}',
      [{ pointer: '/cause', detail: 'must match pattern "^[A-Z_]+$"' }],
    ],
    [
      'a cause longer than HangupCause allows',
      `{"cause":"${'A'.repeat(65)}"}`,
      [{ pointer: '/cause', detail: 'must NOT have more than 64 characters' }],
    ],
    [
      'a member it does not take (a typo, say)',
      '{"casue":"USER_BUSY"}',
      [{ pointer: '/casue', detail: 'is not allowed: the request takes no such field' }],
    ],
    ['null', 'null', [{ pointer: '', detail: 'must be an object, such as {"source": "callee"}' }]],
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

describe('the remote hang-up takes a cause as the API’s own hangup does: the same schema, the same normalisation', () => {
  it.each([
    ['a cause the spec lists', 'USER_BUSY'],
    ['a name the pattern allows that the gateway does not know (cleared normally)', 'NOT_A_CAUSE'],
    ['a name the pattern refuses', 'user_busy'],
    ['a name too long', 'A'.repeat(65)],
  ])('%s', async (_name, cause) => {
    const [byApi, byRemote] = [newSession(), newSession()];
    const body = JSON.stringify({ cause });
    const api = await live.gateway.command(byApi, 'hangup', undefined, { raw: body });
    const remote = await remoteHangup(byRemote, body);
    expect(remote.status === 202).toBe(api.status === 202);
    if (api.status !== 202) {
      expect(api.status).toBe(422);
      expect(remote.status).toBe(422);
      const [apiProblem, remoteProblem] = [await api.json(), await remote.json()];
      expect(remoteProblem.errors.map(({ pointer }: { pointer: string }) => pointer)).toEqual(
        apiProblem.errors.map(({ pointer }: { pointer: string }) => pointer),
      );
      return;
    }
    const hangupOf = async (session: string) => {
      await live.receiver.waitFor(() =>
        live.receiver.forSession(session).some(({ event }) => event.type === 'call.hangup'),
      );
      const found = live.receiver.forSession(session).find(({ event }) => event.type === 'call.hangup')!;
      return found.event.data as { hangup_cause: string; hangup_cause_code: number };
    };
    const [fromApi, fromRemote] = [await hangupOf(byApi), await hangupOf(byRemote)];
    expect({ cause: fromRemote.hangup_cause, code: fromRemote.hangup_cause_code }).toEqual({
      cause: fromApi.hangup_cause,
      code: fromApi.hangup_cause_code,
    });
  });
});

describe('a remote hang-up while a command is still completing', () => {
  // Time stands still on the mock's clock: the answer's webhooks (20 ms on) are never due by themselves.
  const fake = FakeTimers.createClock(Date.now());
  let frozen: Awaited<ReturnType<typeof startGateway>>;
  beforeAll(async () => {
    frozen = await startGateway({
      clock: { now: () => fake.now, setTimeout: fake.setTimeout, clearTimeout: fake.clearTimeout },
    });
  });
  afterAll(() => frozen.close());
  const journal = async (session: string) =>
    (await control(frozen.url, 'GET', `/__mock/deliveries?session=${session}`)).body.deliveries.map(
      ({ payload }: { payload: { type: string; data: Record<string, unknown> } }) => payload,
    );

  it('wins the race: the answer never answers, and its result is the spec’s failure for a call that is gone', async () => {
    const { body: created } = await control(frozen.url, 'POST', '/__mock/sessions');
    const answer = await (await frozen.command(created.uuid, 'answer')).json();
    expect(await journal(created.uuid)).toEqual([]); // due in 20 ms, which never come
    fake.tick(5);
    expect((await control(frozen.url, 'POST', `/__mock/sessions/${created.uuid}/remote-hangup`)).response.status).toBe(
      202,
    );
    fake.tick(1_000);
    const [result, hangup, ...more] = await journal(created.uuid);
    expect(more).toEqual([]);
    expect(result).toMatchObject({
      type: 'command.result',
      data: { operation_id: answer.operation_id, status: 'failed', error: CALL_GONE_ERROR },
    });
    expect(hangup).toMatchObject({ type: 'call.hangup', data: { answer_time: null, operation_id: null } });
    expect(result.data.completed_at).toBe(hangup.data.end_time);
    expectValid('CommandResultEvent', result);
    const { body: state } = await control(frozen.url, 'GET', `/__mock/sessions/${created.uuid}`);
    expect(state).toMatchObject({ state: 'ended', answered_at: null });
  });

  it('loses it when the answer was due first, even if its timer has not run', async () => {
    const { body: created } = await control(frozen.url, 'POST', '/__mock/sessions');
    await frozen.command(created.uuid, 'answer');
    fake.setSystemTime(fake.now + 20); // due now, yet no timer has run
    await control(frozen.url, 'POST', `/__mock/sessions/${created.uuid}/remote-hangup`);
    expect((await journal(created.uuid)).map(({ type }: { type: string }) => type)).toEqual([
      'call.answered',
      'command.result',
      'call.hangup',
    ]);
  });
});

describe('--sessions explicit: only sessions made on the control plane exist', () => {
  let explicit: Awaited<ReturnType<typeof startGateway>>;
  beforeAll(async () => {
    explicit = await startGateway({ sessions: 'explicit' });
  });
  afterAll(() => explicit.close());

  it.each(['answer', 'hangup', 'disconnect'])(
    '%s on a UUID never created → 404 session-not-found, and it is not created',
    async (command) => {
      const session = newSession();
      await expectProblem(await explicit.command(session, command), 404, 'session-not-found');
      expect((await control(explicit.url, 'GET', `/__mock/sessions/${session}`)).response.status).toBe(404);
    },
  );

  it('a remote hang-up of a UUID never created → 404', async () => {
    const { response, body } = await control(explicit.url, 'POST', `/__mock/sessions/${newSession()}/remote-hangup`);
    expect(response.status).toBe(404);
    expect(body.detail).toContain('POST /__mock/sessions');
  });

  it('a session created there takes the commands as usual', async () => {
    const { body: created } = await control(explicit.url, 'POST', '/__mock/sessions');
    expect((await explicit.command(created.uuid, 'answer')).status).toBe(202);
    expect((await explicit.command(created.uuid, 'hangup')).status).toBe(202);
    await expectProblem(await explicit.command(created.uuid, 'hangup'), 404, 'session-not-found');
  });
});
