// The real mock gateway (apps/mock-gateway, built), started with its own command on a free port,
// and a webhook receiver on 127.0.0.1 that records every delivery's body. turbo.json builds the
// mock before this package's tests run.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../../../apps/mock-gateway/dist/cli.js', import.meta.url));

export interface MockGatewayProcess {
  url: string;
  /** Every webhook body the receiver got, parsed, in arrival order. */
  webhooks: { id: string; type: string; data: Record<string, unknown> }[];
  close(): Promise<void>;
}

async function startReceiver(webhooks: MockGatewayProcess['webhooks']): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      webhooks.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks` };
}

/** Starts `call-control-mock --port 0 --webhook-url <receiver> …flags` and waits for its "listening on". */
export async function startMockGatewayProcess(flags: string[]): Promise<MockGatewayProcess> {
  const webhooks: MockGatewayProcess['webhooks'] = [];
  const receiver = await startReceiver(webhooks);
  const child: ChildProcess = spawn(
    process.execPath,
    [CLI, '--port', '0', '--quiet', '--webhook-url', receiver.url, ...flags],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the mock did not start: ${output}`)), 20_000);
    const read = (chunk: Buffer) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => reject(new Error(`the mock exited (${code}): ${output}`)));
  });
  return {
    url,
    webhooks,
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      receiver.server.closeAllConnections(); // the mock's kept-alive connections
      await new Promise((resolve) => receiver.server.close(resolve));
    },
  };
}
