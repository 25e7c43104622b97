// Starts the mock gateway in-process for a test, with its log captured, and a small client.
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { createLog } from '../../src/common/log.js';
import { startMockGateway, type MockGatewayOptions } from '../../src/mock-gateway.js';

export const AUTH = { 'X-App-ID': 'app-test', 'X-API-Key': 'key-test' };
export const newSession = () => randomUUID();

export async function startGateway(options: MockGatewayOptions = {}) {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).trimEnd().split('\n'));
      done();
    },
  });
  const gateway = await startMockGateway({ port: 0, log: createLog({ stream }), ...options });

  /** POSTs a command as JSON (or a raw body), with the test credentials unless overridden. */
  const command = (
    session: string,
    name: string,
    body: unknown = {},
    { headers = {}, raw }: { headers?: Record<string, string>; raw?: string } = {},
  ) =>
    fetch(`${gateway.url}/api/v1/sessions/${session}/commands/${name}`, {
      method: 'POST',
      headers: { ...AUTH, 'Content-Type': 'application/json', ...headers },
      body: raw ?? JSON.stringify(body),
    });

  return { ...gateway, lines, command };
}
