// The mock gateway sending its webhooks to a receiver built on @call-control/webhooks, both
// started before a file's tests and stopped after them, the gateway's log captured.
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { createLog, startMockGateway, type MockGateway } from '@call-control/mock-gateway';
import { afterAll, beforeAll } from 'vitest';
import { startReceiver, type Receiver } from './receiver.js';

export const newSession = () => randomUUID();

export interface GatewayWithReceiver {
  gateway: MockGateway;
  receiver: Receiver;
  /** The gateway's log, one entry per line (JSON lines). */
  log: Record<string, unknown>[];
  command(session: string, name: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
}

export function useGatewayWithReceiver(label: string): GatewayWithReceiver {
  const secret = `whsec_${Buffer.from(`contract-${label}`.padEnd(32, '.')).toString('base64')}`;
  const live = { log: [] as Record<string, unknown>[] } as GatewayWithReceiver;
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).trim().split('\n')) live.log.push(JSON.parse(line));
      done();
    },
  });
  beforeAll(async () => {
    live.receiver = await startReceiver(secret);
    live.gateway = await startMockGateway({
      port: 0,
      webhookUrl: live.receiver.url,
      webhookSecret: secret,
      log: createLog({ format: 'json', stream }),
    });
  });
  afterAll(async () => {
    await live.gateway.close();
    await live.receiver.close();
  });
  live.command = (session, name, body = {}, headers = {}) =>
    fetch(`${live.gateway.url}/api/v1/sessions/${session}/commands/${name}`, {
      method: 'POST',
      headers: {
        'X-App-ID': 'app-contract',
        'X-API-Key': 'key-contract',
        'Content-Type': 'application/json',
        ...headers,
      },
      body: JSON.stringify(body),
    });
  return live;
}
