// Run against the mock gateway: `pnpm mock` in one terminal, then
// `node packages/client/examples/hangup.mjs` (or set GATEWAY_URL).
import { createCallControlClient } from '@call-control/client';

const client = createCallControlClient({
  baseUrl: process.env.GATEWAY_URL ?? 'http://127.0.0.1:4010',
  appId: process.env.APP_ID ?? 'YOUR_APP_ID',
  apiKey: process.env.API_KEY ?? 'YOUR_API_KEY',
});

const session = process.argv[2] ?? crypto.randomUUID();
const { data, error } = await client.hangup(session, { cause: 'USER_BUSY' });
if (error) {
  console.error(`hangup rejected: ${error.status} ${error.title}: ${error.detail}`);
  process.exitCode = 1;
} else {
  console.log(`hangup accepted: operation ${data.operation_id}; the result arrives as command.result`);
}
