import { loadBundledSpec } from '@call-control/spec';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readContract } from '../../src/contract.js';
import { createGatewayTarget, sendCommand, sendToBase } from '../../src/gateway/gateway-target.js';
import { serve } from '../support/http-server.js';

const contract = readContract();
let server: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  server = await serve((_seen, res) => void res.writeHead(202, { 'content-type': 'application/json' }).end('{}'));
});
afterAll(() => server.close());

it('fills each security scheme’s header from its option, and knows which is the key', () => {
  const target = createGatewayTarget(contract, 'http://gw.example/prefix//', { appId: 'app', apiKey: 'key' });
  expect(target.credentials).toEqual({ 'X-App-ID': 'app', 'X-API-Key': 'key' });
  expect(target.keyHeader).toBe('X-API-Key');
  expect(target.baseUrl).toBe('http://gw.example/prefix');
});

it('refuses a contract whose security scheme the kit has no option for', () => {
  const spec = loadBundledSpec();
  spec.components.securitySchemes.Tenant = { type: 'apiKey', in: 'header', name: 'X-Tenant' };
  spec.security = [{ ...spec.security[0], Tenant: [] }];
  expect(() => createGatewayTarget(readContract(spec), 'http://gw', { appId: 'a', apiKey: 'k' })).toThrow(
    'security scheme Tenant has no option of the kit',
  );
});

it('sends a command to its path under the base URL with exactly the body and headers chosen', async () => {
  const target = createGatewayTarget(contract, `${server.url}/base`, { appId: 'app', apiKey: 'key' });
  const hangup = contract.commands.find(({ operationId }) => operationId === 'hangup')!;
  await sendCommand(target, hangup, 'abc', { body: '{"cause":"USER_BUSY"}' });
  expect(server.seen.at(-1)).toMatchObject({
    method: 'POST',
    path: '/base/api/v1/sessions/abc/commands/hangup',
    body: '{"cause":"USER_BUSY"}',
  });
  expect(server.seen.at(-1)!.headers).toMatchObject({
    'x-app-id': 'app',
    'x-api-key': 'key',
    'content-type': 'application/json',
  });

  await sendCommand(target, hangup, 'abc', {
    body: 'x',
    contentType: 'text/plain',
    credentials: { 'X-App-ID': 'app', 'X-API-Key': undefined },
  });
  expect(server.seen.at(-1)!.headers['content-type']).toBe('text/plain');
  expect(server.seen.at(-1)!.headers).not.toHaveProperty('x-api-key');

  await sendCommand(target, hangup, 'abc');
  expect(server.seen.at(-1)!.headers).not.toHaveProperty('content-type');
  expect(server.seen.at(-1)!.body).toBe('');
});

it('sends to the base URL’s own paths with or without the credentials', async () => {
  const target = createGatewayTarget(contract, server.url, { appId: 'app', apiKey: 'key' });
  await sendToBase(target, 'GET', '/__mock/sessions/x', { withCredentials: false });
  expect(server.seen.at(-1)).toMatchObject({ method: 'GET', path: '/__mock/sessions/x' });
  expect(server.seen.at(-1)!.headers).not.toHaveProperty('x-app-id');
});
