// The typed control client against a live mock, as a test suite uses it: by URL (a mock started
// with npx) and as gateway.control, with the credentials applied when the mock asks for them,
// and every failure a MockControlError carrying the mock's problem.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMockControl, MockControlError } from '../../src/control/mock-control.js';
import { AUTH, newSession, startGateway } from '../support/gateway.js';

let gateway: Awaited<ReturnType<typeof startGateway>>;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(() => gateway.close());

describe('createMockControl', () => {
  it('resets, reads and counts the request journal, reads the deliveries', async () => {
    const control = createMockControl({ baseUrl: `${gateway.url}/` });
    await control.reset();
    const session = newSession();
    await gateway.command(session, 'answer');
    await gateway.command(session, 'hangup', { cause: 'USER_BUSY' });
    const sent = await control.requests({ session, command: 'hangup' });
    expect(sent.map(({ body, status }) => [JSON.parse(body!).cause, status])).toEqual([['USER_BUSY', 202]]);
    expect(await control.countRequests({ status: 202 })).toBe(2);
    // Each is journaled when it is due (the hangup's call.hangup 50 ms on).
    await vi.waitFor(async () => expect(await control.deliveries({ session })).toHaveLength(4));
    expect((await control.deliveries({ session })).map(({ type }) => type)).toEqual([
      'call.answered',
      'command.result',
      'command.result',
      'call.hangup',
    ]);
    expect(await control.reset()).toEqual({
      sessions: 1,
      idempotency_keys: 0,
      requests: 2,
      deliveries: 4,
      pending_webhooks: 0,
    });
  });

  it('follows every page: 1,201 requests come back whole, oldest first', async () => {
    const big = await startGateway({ journalSize: 2_000 });
    try {
      const send = () => fetch(`${big.url}/api/v1/nothing`, { method: 'POST', headers: { 'X-App-ID': 'app-many' } });
      for (let batch = 0; batch < 24; batch++) await Promise.all(Array.from({ length: 50 }, send));
      await send(); // and one of another app, not selected
      await fetch(`${big.url}/api/v1/nothing`, { headers: { 'X-App-ID': 'app-other' } });
      const sent = await big.requests({ app_id: 'app-many' });
      expect(sent).toHaveLength(1_201);
      expect(sent.map(({ id }) => Number(id.slice(4)))).toEqual(Array.from({ length: 1_201 }, (_, i) => i + 1));
    } finally {
      await big.close();
    }
  });

  it('waits for a delivery, and for a request, without polling', async () => {
    const session = newSession();
    const delivery = gateway.control.waitForDelivery({ session, type: 'call.hangup' }, { timeoutMs: 5_000 });
    const request = gateway.control.waitForRequest({ session, command: 'hangup' });
    setTimeout(() => void gateway.command(session, 'hangup'), 30);
    expect((await delivery).payload.data.session_uuid).toBe(session);
    expect((await request).status).toBe(202);
  });

  it('rejects a wait that runs out with a MockControlError that says what it waited for', async () => {
    const session = newSession();
    await expect(gateway.waitForDelivery({ session }, { timeoutMs: 50 })).rejects.toThrow(
      new MockControlError(`no delivery matched {"session":"${session}"} within 50 ms`, undefined, undefined),
    );
  });

  it('rejects a refused call with the mock’s problem', async () => {
    const error = await gateway.control.requests({ session: 'abc' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MockControlError);
    expect(error).toMatchObject({ status: 422, problem: { errors: [{ parameter: 'session' }] } });
  });

  it('is the typed openapi-fetch client too', async () => {
    const { data } = await gateway.control.POST('/__mock/sessions', { body: {} });
    expect(data?.state).toBe('ringing');
  });

  it.each([
    [{ baseUrl: 'localhost:4010' }, /^baseUrl must be the mock's http\(s\) origin/],
    [{ baseUrl: 'http://127.0.0.1:4010/api' }, /^baseUrl must be/],
    [{ baseUrl: 'http://127.0.0.1:4010', appId: 'a' }, /^appId and apiKey go together$/],
  ])('refuses %j', (options, message) => {
    expect(() => createMockControl(options)).toThrow(message);
  });

  it('refuses a timeout that is not milliseconds', async () => {
    await expect(gateway.waitForDelivery({}, { timeoutMs: -1 })).rejects.toThrow(TypeError);
  });
});

describe('with --app-id/--api-key set', () => {
  it('sends the pair when given it (gateway.control has it), and is refused without it', async () => {
    const strict = await startGateway({ appId: AUTH['X-App-ID'], apiKey: AUTH['X-API-Key'] });
    try {
      expect(await strict.reset()).toMatchObject({ sessions: 0 });
      const bare = createMockControl({ baseUrl: strict.url });
      await expect(bare.reset()).rejects.toMatchObject({ status: 401 });
      const paired = createMockControl({ baseUrl: strict.url, appId: AUTH['X-App-ID'], apiKey: AUTH['X-API-Key'] });
      expect(await paired.countRequests()).toBe(0);
    } finally {
      await strict.close();
    }
  });
});
