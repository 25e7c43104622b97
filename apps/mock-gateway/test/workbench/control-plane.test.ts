// The control plane's routing: every documented operation is routed, an unknown path is a
// 404, a method a path does not take a 405 with Allow; and, with --app-id/--api-key, every
// control operation but the page asks for the pair.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control, controlPlane, readStream } from '../support/control-plane.js';
import { newSession, startGateway } from '../support/gateway.js';

/** Every documented operation, with a concrete path to call it on. */
const operations: [string, string][] = Object.entries<{ [method: string]: unknown }>(controlPlane.paths).flatMap(
  ([template, item]) =>
    Object.keys(item)
      .filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map((method): [string, string] => [
        method.toUpperCase(),
        template.replace('{uuid}', newSession()).replace('{id}', 'evt_0123456789abcdef'),
      ]),
);

let gateway: Awaited<ReturnType<typeof startGateway>>;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(() => gateway.close());

it('documents the ten operations of the control plane', () => {
  expect(
    operations.map(
      ([method, path]) => `${method} ${path.replace(/[0-9a-f-]{36}/, '{uuid}').replace(/evt_\w+/, '{id}')}`,
    ),
  ).toEqual([
    'GET /__mock/',
    'GET /__mock/events',
    'GET /__mock/deliveries',
    'POST /__mock/deliveries/{id}/resend',
    'GET /__mock/requests',
    'GET /__mock/requests/count',
    'POST /__mock/reset',
    'POST /__mock/sessions',
    'GET /__mock/sessions/{uuid}',
    'POST /__mock/sessions/{uuid}/remote-hangup',
  ]);
});

describe('routes', () => {
  it.each(operations.filter(([, path]) => path !== '/__mock/events'))(
    '%s %s answers as documented',
    async (method, path) => {
      // control() fails unless the status is one the document gives this operation.
      const { response } = await control(gateway.url, method, path);
      expect(response.status).not.toBe(405);
    },
  );

  it.each([
    ['DELETE', `/__mock/sessions/${newSession()}`, 'GET'],
    ['GET', `/__mock/sessions/${newSession()}/remote-hangup`, 'POST'],
    ['GET', '/__mock/sessions', 'POST'],
    ['POST', '/__mock/deliveries', 'GET'],
    ['POST', '/__mock/events', 'GET'],
    ['PUT', '/__mock/', 'GET'],
  ])('%s %s → 405 with Allow: %s', async (method, path, allow) => {
    const { response } = await control(gateway.url, method, path);
    expect(response.headers.get('allow')).toBe(allow);
  });

  it.each(['/__mock/nothing-here', '/__mock/sessions/a/b', '/__mock/deliveries/evt_1/resend/again'])(
    '%s → 404',
    async (path) => {
      const { response, body } = await control(gateway.url, 'GET', path);
      expect(response.status).toBe(404);
      expect(body.detail).toBe(`There is no mock control ${path}.`);
    },
  );

  it('/__mock redirects to the inspector', async () => {
    const response = await fetch(`${gateway.url}/__mock`, { redirect: 'manual' });
    expect([response.status, response.headers.get('location')]).toEqual([308, '/__mock/']);
  });
});

describe('with --app-id/--api-key set', () => {
  const PAIR = { 'X-App-ID': 'app-1', 'X-API-Key': 'key-1' };
  let strict: Awaited<ReturnType<typeof startGateway>>;
  beforeAll(async () => {
    strict = await startGateway({ appId: 'app-1', apiKey: 'key-1' });
  });
  afterAll(() => strict.close());

  it.each(operations.filter(([, path]) => path !== '/__mock/'))(
    '%s %s → 401 without them, answered with them',
    async (method, path) => {
      expect((await control(strict.url, method, path)).response.status).toBe(401);
      expect(
        (await control(strict.url, method, path, { headers: { 'X-App-ID': 'app-1', 'X-API-Key': 'key-2' } })).response
          .status,
      ).toBe(401);
      if (path === '/__mock/events') {
        const stream = await fetch(`${strict.url}${path}`, { headers: PAIR });
        expect(stream.status).toBe(200);
        await stream.body!.cancel();
      } else expect((await control(strict.url, method, path, { headers: PAIR })).response.status).not.toBe(401);
    },
  );

  it('the page opens without them (it asks for them itself), and says it will', async () => {
    const { response, body } = await control(strict.url, 'GET', '/__mock/');
    expect(response.status).toBe(200);
    expect(body).toContain('"credentialsRequired":true');
  });
});

describe('GET /__mock/events holds Last-Event-ID to its documented pattern', () => {
  it.each(['abc', '-1', '1.5', '7e3', '0x10'])('%s → 400 naming the header and the rule', async (lastEventId) => {
    const { response, body } = await control(gateway.url, 'GET', '/__mock/events', {
      headers: { 'Last-Event-ID': lastEventId },
    });
    expect(response.status).toBe(400);
    expect(body.errors).toEqual([{ header: 'Last-Event-ID', detail: 'must match pattern "^[0-9]+$"' }]);
    expect(body.detail).toContain(JSON.stringify(lastEventId));
  });

  it.each(['0', '12'])('%s resumes the stream', async (lastEventId) => {
    const messages = await readStream(gateway.url, () => true, { headers: { 'Last-Event-ID': lastEventId } });
    expect(messages).toEqual([]);
  });
});
