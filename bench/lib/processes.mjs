// Starting and stopping the servers a benchmark measures, each in its own process so it has a
// core to itself while the load generator has the other.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The mock gateway's CLI, as built in this checkout. */
export const MOCK_CLI = fileURLToPath(new URL('../../apps/mock-gateway/dist/cli.js', import.meta.url));

export async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForPort(port, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => resolve(socket.end() && true));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nothing listened on ${port} within ${timeoutMs} ms`);
}

/** CPU seconds a process has used so far (Linux /proc: user + system, in clock ticks of 1/100 s). */
export function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Resident set size of a process, in bytes (Linux /proc). */
function rssOf(pid) {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : undefined;
}

/**
 * Spawns `command args…` and waits until it is ready: until it prints a line matching
 * `readyLine` (how long that took is `startUpMs`, spawn to the line; `readyWithinMs` bounds the
 * wait when given), else until it listens on `port`. Returns a stopper: SIGTERM, then SIGKILL
 * after `graceMs`.
 */
export async function startProcess(name, command, args, port, { readyLine, readyWithinMs, ...options } = {}) {
  const spawnedAt = performance.now();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  let output = '';
  let readyAt;
  const ready = new Promise((resolve) => {
    const onData = (chunk) => {
      output = (output + chunk).slice(-4_000);
      if (readyAt === undefined && readyLine?.test(output)) {
        readyAt = performance.now();
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let late;
  await Promise.race([
    readyLine ? ready : waitForPort(port),
    exited.then((code) => {
      throw new Error(`${name} exited (${code}) before it was ready:\n${output}`);
    }),
    ...(readyWithinMs === undefined
      ? []
      : [
          new Promise((_, reject) => {
            late = setTimeout(() => {
              child.kill('SIGKILL'); // not left running behind the error
              reject(new Error(`${name} was not ready within ${readyWithinMs} ms:\n${output}`));
            }, readyWithinMs);
          }),
        ]),
  ]).finally(() => clearTimeout(late));
  return {
    name,
    pid: child.pid,
    url: `http://127.0.0.1:${port}`,
    startUpMs: readyAt === undefined ? undefined : readyAt - spawnedAt,
    output: () => output,
    rssBytes: () => rssOf(child.pid),
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, graceMs))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
