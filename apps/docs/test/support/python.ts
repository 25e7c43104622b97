// Debian's Python 3 (`npm run setup` installs it with python3-requests), running the docs'
// Python samples as a user would: a script run to its end, or a receiver serving on a port.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resultsDir } from './bundled-spec.js';

export const PYTHON = process.env.PYTHON3_PATH ?? '/usr/bin/python3';

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Writes `source` to test-results/python/<name> (kept there to read after a failure); returns the path. */
export function writeSample(name: string, source: string): string {
  const dir = join(resultsDir, 'python');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, source);
  return path;
}

/** Runs a script to its end (at most `timeoutMs`), with `env` added to this process's. */
export function runPython(path: string, args: string[] = [], env: Record<string, string> = {}, timeoutMs = 20_000) {
  return new Promise<Finished>((resolve, reject) => {
    const child = spawn(PYTHON, [path, ...args], { env: { ...process.env, ...env }, timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) =>
      reject(new Error(`${PYTHON} did not start (run \`npm run setup\`): ${error.message}`)),
    );
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface PythonServer {
  url: string;
  /** What it has printed so far. */
  stdout(): string;
  stderr(): string;
  stop(): Promise<void>;
}

/** Starts a server script and waits for its `listening on http://…` line. */
export function startPythonServer(path: string, args: string[], env: Record<string, string>): Promise<PythonServer> {
  return new Promise<PythonServer>((resolve, reject) => {
    const child: ChildProcess = spawn(PYTHON, [path, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    const stop = () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGINT');
      });
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${path} did not say where it listens within 10 s:\n${stdout}${stderr}`));
    }, 10_000);
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
      const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
      if (url === undefined) return;
      clearTimeout(timer);
      resolve({ url, stdout: () => stdout, stderr: () => stderr, stop });
    });
    child.stderr?.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${PYTHON} did not start (run \`npm run setup\`): ${error.message}`));
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${path} exited (${code}) before listening:\n${stdout}${stderr}`));
    });
  });
}
