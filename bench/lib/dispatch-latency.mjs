// 3. Webhook dispatch latency: from a hangup's 202 reaching the caller to its command.result
// reaching the receiver, at a fixed rate. Both ends are timed by this process's clock. A
// negative figure is the race the spec warns of: the webhook arrived before the 202 was read.
import { createServer } from 'node:http';
import { Pool } from 'undici';
import { freshHangupPath, HANGUP_BODY, HANGUP_HEADERS } from './hangup-request.mjs';
import { freePort, MOCK_CLI, startProcess } from './processes.mjs';

export async function measureDispatchLatency({ ratePerS, durationS, log }) {
  const resultArrivals = new Map();
  const receiver = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const at = performance.now();
      const event = JSON.parse(Buffer.concat(chunks).toString());
      if (event.type === 'command.result') resultArrivals.set(event.data.operation_id, at);
      res.writeHead(204).end();
    });
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const port = await freePort();
  const gateway = await startProcess(
    'mock gateway',
    process.execPath,
    [MOCK_CLI, '--port', String(port), '--quiet', '--webhook-url', `http://127.0.0.1:${receiver.address().port}/hooks`],
    port,
  );
  const pool = new Pool(gateway.url, { connections: 32 });
  const accepted = new Map();
  const send = async () => {
    const { statusCode, body } = await pool.request({
      path: freshHangupPath(),
      method: 'POST',
      headers: HANGUP_HEADERS,
      body: HANGUP_BODY,
    });
    const envelope = await body.json();
    if (statusCode === 202) accepted.set(envelope.operation_id, performance.now());
  };
  try {
    const pending = [];
    const total = ratePerS * durationS;
    const started = performance.now();
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / ratePerS;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      pending.push(send());
    }
    await Promise.all(pending);
    const deadline = performance.now() + 10_000;
    while (resultArrivals.size < accepted.size && performance.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const latencies = [...accepted]
      .filter(([id]) => resultArrivals.has(id))
      .map(([id, at]) => resultArrivals.get(id) - at)
      .sort((a, b) => a - b);
    const pick = (q) => +latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(2);
    const result = {
      ratePerS,
      durationS,
      commands: accepted.size,
      resultsReceived: latencies.length,
      beforeThe202: latencies.filter((ms) => ms < 0).length,
      p50Ms: pick(0.5),
      p99Ms: pick(0.99),
      maxMs: +latencies.at(-1).toFixed(2),
    };
    log(
      `  ${result.commands} commands: p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms (${result.beforeThe202} results arrived before their 202)`,
    );
    return result;
  } finally {
    await pool.close();
    await gateway.stop();
    receiver.close();
  }
}
