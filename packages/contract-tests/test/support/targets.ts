// The servers the client's end-to-end suite runs against, each real: the Prism CLI serving
// the bundled spec, the mock gateway, and the mock gateway behind `prism proxy --errors` (an
// independent oracle that validates every request and response against the spec).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { bundledSpecJsonPath } from '@call-control/spec';
import { startMockGateway } from '@call-control/mock-gateway';

export interface Target {
  name: string;
  /** The gateway keeps state and makes a fresh operation_id per command (Prism mock does not). */
  behavesLikeTheGateway: boolean;
  start(): Promise<{ baseUrl: string; stop(): Promise<void> }>;
}

const PRISM = fileURLToPath(new URL('../../node_modules/.bin/prism', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts the Prism CLI and resolves once it says it is listening. */
export async function startPrism(
  args: string[],
): Promise<{ baseUrl: string; stop(): Promise<void>; output(): string }> {
  const port = await freePort();
  const child: ChildProcess = spawn(PRISM, [...args, '-h', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`prism did not start within 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (/Prism is listening on/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`prism exited with ${code}:\n${output}`)));
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export const prismMock: Target = {
  name: 'prism mock (the Prism CLI on the bundled spec)',
  behavesLikeTheGateway: false,
  start: () => startPrism(['mock', bundledSpecJsonPath]),
};

export const mockGateway: Target = {
  name: 'the mock gateway',
  behavesLikeTheGateway: true,
  async start() {
    const gateway = await startMockGateway({ port: 0, quiet: true });
    return { baseUrl: gateway.url, stop: () => gateway.close() };
  },
};

export const mockGatewayBehindPrismProxy: Target = {
  name: 'the mock gateway behind prism proxy --errors',
  behavesLikeTheGateway: true,
  async start() {
    const gateway = await startMockGateway({ port: 0, quiet: true });
    const proxy = await startPrism(['proxy', bundledSpecJsonPath, gateway.url, '--errors']);
    return {
      baseUrl: proxy.baseUrl,
      async stop() {
        await proxy.stop();
        await gateway.close();
      },
    };
  },
};
