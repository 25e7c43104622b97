// A gateway run's context for the cases' own tests, on a real listener, with a contract whose
// bounds are short (100 ms, + 100 ms margin) so a case that waits does not wait long.
import { loadBundledSpec } from '@call-control/spec';
import { createGatewayContext } from '../../src/gateway/check-gateway.js';
import { sessionOfEvent } from '../../src/gateway/gateway-case.js';
import { startWebhookListener } from '../../src/gateway/webhook-listener.js';
import { readContract } from '../../src/contract.js';

export const SECRET = `whsec_${Buffer.from('gateway-context-test-secret-0123').toString('base64')}`;

export function shortSpec() {
  const spec = loadBundledSpec();
  for (const item of Object.values(spec.paths) as ReturnType<typeof loadBundledSpec>[])
    for (const entry of item.post['x-webhooks-triggered'].webhooks) entry.max_delay_ms = 100;
  return spec;
}

export async function gatewayContext(baseUrl: string, sessions: string[] = []) {
  const spec = shortSpec();
  const listener = await startWebhookListener('127.0.0.1', 0, sessionOfEvent(readContract(spec)));
  const context = await createGatewayContext(
    {
      baseUrl,
      appId: 'app',
      apiKey: 'key',
      webhookSecret: SECRET,
      listen: { host: '127.0.0.1', port: 0 },
      sessions,
      marginMs: 100,
      spec,
    },
    listener,
  );
  return { context, listener, close: () => listener.close() };
}
