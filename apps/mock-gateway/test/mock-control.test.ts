// The /__mock/ control endpoints: a remote party hanging up, and a session's state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSession, startGateway } from './support/gateway.js';
import { useGatewayWithReceiver } from './support/gateway-with-receiver.js';
import { expectProblem, expectValid } from './support/spec.js';

const live = useGatewayWithReceiver('control');

const remoteHangup = (session: string, body?: string) =>
  fetch(`${live.gateway.url}/__mock/sessions/${session}/remote-hangup`, { method: 'POST', ...(body === undefined ? {} : { body }) });

describe('POST /__mock/sessions/{uuid}/remote-hangup', () => {
  it.each([
    ['the caller, on a ringing call, by default', { body: undefined, answered: false, want: { hangup_source: 'caller', hangup_cause: 'NORMAL_CLEARING', hangup_cause_code: 16 } }],
    ['the callee, with a cause', { body: '{"source":"callee","cause":"USER_BUSY"}', answered: true, want: { hangup_source: 'callee', hangup_cause: 'USER_BUSY', hangup_cause_code: 17 } }],
    ['the live.gateway itself', { body: '{"source":"system","cause":"ALLOTTED_TIMEOUT"}', answered: true, want: { hangup_source: 'system', hangup_cause_code: 802 } }],
  ])('%s → call.hangup with operation_id null', async (_name, { body, answered, want }) => {
    const session = newSession();
    if (answered) await live.gateway.command(session, 'answer');
    const response = await remoteHangup(session, body);
    expect(response.status).toBe(202);
    const { webhook_id } = await response.json();
    await live.receiver.waitFor(() => live.receiver.forSession(session).some(({ event }) => event.type === 'call.hangup'));
    const hangup = live.receiver.forSession(session).at(-1)!;
    expect(hangup.webhookId).toBe(webhook_id);
    expect(hangup.event.data).toMatchObject({ ...want, operation_id: null });
    expectValid('CallHangupEvent', hangup.event);
    expect((hangup.event.data as { answer_time: string | null }).answer_time === null).toBe(!answered);
    // The call is over for the API too.
    await expectProblem(await live.gateway.command(session, 'hangup'), 404, 'session-not-found');
  });

  it.each([
    ['a source the remote side cannot be', '{"source":"api"}', [{ pointer: '/source', detail: 'must be one of caller, callee, system, unknown' }]],
    ['a cause the spec does not list', '{"cause":"NOT_A_CAUSE"}', [{ pointer: '/cause', detail: 'must be a known hangup cause name' }]],
    ['a name that is only an Object property', '{"cause":"constructor"}', [{ pointer: '/cause', detail: 'must be a known hangup cause name' }]],
    ['null', 'null', [{ pointer: '', detail: 'must be an object, such as {"source": "caller"}' }]],
  ])('rejects %s with a 422 naming the field', async (_name, body, errors) => {
    const problem = await expectProblem(await remoteHangup(newSession(), body), 422);
    expect(problem.errors).toEqual(errors);
  });

  it('rejects malformed JSON (or a member given twice) with a 400, and a session that already ended with a 404', async () => {
    await expectProblem(await remoteHangup(newSession(), '{bad'), 400, 'malformed-json');
    await expectProblem(await remoteHangup(newSession(), '{"cause":"USER_BUSY","cause":"NOT_A_CAUSE"}'), 400, 'malformed-json');
    const session = newSession();
    await live.gateway.command(session, 'hangup');
    await expectProblem(await remoteHangup(session), 404, 'session-not-found');
  });
});

describe('a session id the API would refuse', () => {
  it.each([`urn:uuid:${newSession()}`, '-'.repeat(36), newSession().replaceAll('-', '')])('%s is not a session here either (404), and no webhook goes out', async (id) => {
    const hangup = await expectProblem(await remoteHangup(id), 404);
    expect(hangup.detail).toMatch(/is not a session UUID/);
    await expectProblem(await fetch(`${live.gateway.url}/__mock/sessions/${id}`), 404);
    expect(live.receiver.events.filter(({ event }) => event.data.session_uuid === id.toLowerCase())).toEqual([]);
  });
});

describe('GET /__mock/sessions/{uuid}', () => {
  it('reports the state as the call goes on', async () => {
    const session = newSession();
    const state = async () => (await (await fetch(`${live.gateway.url}/__mock/sessions/${session}`)).json()).state;
    await live.gateway.command(session, 'answer');
    expect(await state()).toBe('answered');
    await remoteHangup(session);
    expect(await state()).toBe('ended');
  });

  it('answers 405 with Allow to another method, and 404 to an unknown control path', async () => {
    const wrong = await fetch(`${live.gateway.url}/__mock/sessions/${newSession()}`, { method: 'DELETE' });
    expect(wrong.headers.get('allow')).toBe('GET');
    await expectProblem(wrong, 405);
    await expectProblem(await fetch(`${live.gateway.url}/__mock/nothing-here`), 404);
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
    await expectProblem(await fetch(`${strict.url}/__mock/sessions/${session}/remote-hangup`, { method: 'POST', headers }), 401, 'unauthorized');
    await expectProblem(await fetch(`${strict.url}/__mock/sessions/${session}`, { headers }), 401, 'unauthorized');
    const state = await fetch(`${strict.url}/__mock/sessions/${session}`, { headers: PAIR });
    expect((await state.json()).state).toBe('answered');
  });

  it('the configured pair may hang up', async () => {
    const session = newSession();
    expect((await fetch(`${strict.url}/__mock/sessions/${session}/remote-hangup`, { method: 'POST', headers: PAIR })).status).toBe(202);
  });
});
