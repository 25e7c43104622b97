// SIGTERM during load: the CLI stops accepting, gives queued webhooks its grace period, exits
// 0 within the bound, and no accepted command loses its command.result: each was delivered,
// or is named in the log as undelivered.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { startReceiver } from '../support/receiver.js';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const SECRET = `whsec_${Buffer.from('mock-gateway-shutdown-test-key!!').toString('base64')}`;
const GRACE_MS = 5_000; // the CLI's shutdown grace (see gateway.ts)

it.each([
  ['a receiver that keeps up', 200],
  ['a receiver too slow to finish within the grace period', 2_000],
])(
  'loses no command.result when stopped under load, with %s',
  async (_name, receiverDelayMs) => {
    const receiver = await startReceiver(SECRET);
    receiver.faultNext(10_000, { delayMs: receiverDelayMs }); // deliveries are still queued at the signal
    const child = spawn(
      process.execPath,
      [CLI, '--port', '0', '--quiet', '--webhook-url', receiver.url, '--webhook-secret', SECRET],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = once(child, 'exit');
    const url = await new Promise<string>((resolve) =>
      child.stdout.on(
        'data',
        () => /listening on (\S+)/.exec(output) && resolve(/listening on (\S+)/.exec(output)![1]!),
      ),
    );

    const accepted: string[] = [];
    let refused = 0;
    const fire = async () => {
      const response = await fetch(`${url}/api/v1/sessions/${crypto.randomUUID()}/commands/hangup`, {
        method: 'POST',
        headers: { 'X-App-ID': 'a', 'X-API-Key': 'k', 'Content-Type': 'application/json' },
        body: '{}',
      }).catch(() => undefined);
      if (response?.status === 202) accepted.push((await response.json()).operation_id);
      else refused += 1;
    };
    // Load: batches of 20 commands, with SIGTERM sent in the middle of it.
    let signalledAt = 0;
    for (let batch = 0; batch < 30; batch++) {
      if (batch === 15) {
        signalledAt = Date.now();
        child.kill('SIGTERM');
      }
      await Promise.all(Array.from({ length: 20 }, fire));
    }
    const [code] = await exited;
    const stoppedAfterMs = Date.now() - signalledAt;
    await receiver.close();

    expect(code).toBe(0);
    expect(stoppedAfterMs).toBeLessThan(GRACE_MS + 2_000);
    expect(accepted.length).toBeGreaterThanOrEqual(300);
    const delivered = new Set(
      receiver.events
        .filter(({ event }) => event.type === 'command.result')
        .map(({ event }) => event.data.operation_id as string),
    );
    const reported = new Set(
      [...output.matchAll(/undelivered: webhook command\.result \S+ \(session \S+, operation (\S+)\)/g)].map(
        ([, id]) => id,
      ),
    );
    const lost = accepted.filter((id) => !delivered.has(id) && !reported.has(id));
    console.log(
      `shutdown (receiver ${receiverDelayMs} ms): ${accepted.length} accepted, ${refused} refused after the signal, ${delivered.size} results delivered, ${reported.size} reported undelivered, ${lost.length} lost, stopped in ${stoppedAfterMs} ms`,
    );
    expect(lost).toEqual([]);
    // Every accepted command's result is accounted for, one way or the other.
    expect(delivered.size + reported.size).toBeGreaterThanOrEqual(accepted.length);
    if (receiverDelayMs > GRACE_MS / 5) expect(reported.size).toBeGreaterThan(0);
  },
  60_000,
);
