import { afterAll, beforeAll, expect, it } from 'vitest';
import { failureReason, send } from '../src/http-send.js';
import { serve } from './support/http-server.js';

let server: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  server = await serve(({ path }, res) => {
    if (path === '/redirect') res.writeHead(302, { location: '/elsewhere' }).end();
    else if (path === '/slow') setTimeout(() => res.writeHead(204).end(), 300);
    else res.writeHead(201, { 'content-type': 'text/plain', 'x-seen': 'yes' }).end('made');
  });
});
afterAll(() => server.close());

it('sends exactly the method, headers and body given, and reads the whole answer', async () => {
  const result = await send({
    url: `${server.url}/at`,
    method: 'PUT',
    headers: { 'x-a': '1' },
    body: ' {"a":1} ',
    timeoutMs: 5_000,
  });
  expect(result).toMatchObject({ ok: true, status: 201, body: 'made' });
  expect(result.ok && result.headers.get('x-seen')).toBe('yes');
  expect(server.seen.at(-1)).toMatchObject({
    method: 'PUT',
    path: '/at',
    body: ' {"a":1} ',
    headers: expect.objectContaining({ 'x-a': '1' }),
  });
});

it('does not follow a redirect: a 3xx is an answer', async () => {
  expect(await send({ url: `${server.url}/redirect`, timeoutMs: 5_000 })).toMatchObject({ ok: true, status: 302 });
  expect(server.seen.some(({ path }) => path === '/elsewhere')).toBe(false);
});

it('reports no answer in time, and a refused connection, as reasons', async () => {
  expect(await send({ url: `${server.url}/slow`, timeoutMs: 50 })).toMatchObject({
    ok: false,
    reason: 'no answer within 50 ms',
  });
  const gone = await serve(() => {});
  await gone.close();
  expect(await send({ url: gone.url, timeoutMs: 5_000 })).toMatchObject({ ok: false, reason: 'ECONNREFUSED' });
  // fetch's own refusal of a port browsers block (1, 6000, …) is a reason too.
  expect(await send({ url: 'http://127.0.0.1:1/', timeoutMs: 5_000 })).toMatchObject({ ok: false, reason: 'bad port' });
});

it.each([
  [Object.assign(new Error('x'), { name: 'TimeoutError' }), 'no answer within 9 ms'],
  [Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNRESET' } }), 'ECONNRESET'],
  [new Error('plain'), 'plain'],
])('names the reason of %s', (error, reason) => {
  expect(failureReason(error, 9)).toBe(reason);
});
