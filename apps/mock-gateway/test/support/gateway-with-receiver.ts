// The usual setup of a test file: a real receiver, and a mock gateway sending it webhooks,
// started before the file's tests and stopped after them (the receiver's close() fails the
// file if any webhook broke the spec).
import { afterAll, beforeAll } from 'vitest';
import { startGateway } from './gateway.js';
import { startReceiver, type Receiver } from './receiver.js';

export interface GatewayWithReceiver {
  gateway: Awaited<ReturnType<typeof startGateway>>;
  receiver: Receiver;
  secret: string;
}

/** Registers the hooks; the returned object's fields are set once beforeAll has run. */
export function useGatewayWithReceiver(label: string): GatewayWithReceiver {
  const live = {
    secret: `whsec_${Buffer.from(`mock-gateway-${label}`.padEnd(32, '.')).toString('base64')}`,
  } as GatewayWithReceiver;
  beforeAll(async () => {
    live.receiver = await startReceiver(live.secret);
    live.gateway = await startGateway({ webhookUrl: live.receiver.url, webhookSecret: live.secret });
  });
  afterAll(async () => {
    await live.gateway.close();
    await live.receiver.close();
  });
  return live;
}
