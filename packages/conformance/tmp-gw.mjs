import { createServer } from 'node:net';
import { startMockGateway } from '@call-control/mock-gateway';
import { checkGateway, formatReport } from './dist/index.js';
const secret = 'whsec_' + Buffer.from('0123456789abcdef0123456789abcdef').toString('base64');
const port = await new Promise((r) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => r(p));
  });
});
const gw = await startMockGateway({
  port: 0,
  webhookUrl: `http://127.0.0.1:${port}/webhooks`,
  webhookSecret: secret,
  appId: 'app',
  apiKey: 'key',
  quiet: true,
  retryScale: 0.001,
});
const t = performance.now();
const report = await checkGateway({
  baseUrl: gw.url,
  appId: 'app',
  apiKey: 'key',
  webhookSecret: secret,
  listen: { host: '127.0.0.1', port },
  scheduleScale: 0.001,
});
console.log(formatReport('gateway', report));
console.log('ms', performance.now() - t);
await gw.close();
