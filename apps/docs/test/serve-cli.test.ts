import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appDir } from './support/bundled-spec.js';

// The compiled CLI, as `pnpm docs:serve` runs it (turbo builds before testing).
const cli = join(appDir, 'lib', 'serve-cli.js');

let root: string;
const children: ChildProcess[] = [];

beforeAll(() => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`pnpm --filter @call-control/docs build\``);
  root = mkdtempSync(join(tmpdir(), 'docs-cli-'));
  writeFileSync(join(root, 'index.html'), '<!DOCTYPE html><title>docs</title>');
});

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Starts the CLI and resolves with its URL once it prints `listening on …`. */
function serve(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const url = /^listening on (http:\/\/\S+)$/m.exec(output)?.[1];
      if (url) resolve({ child, url });
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('exit', (code) => reject(new Error(`exited ${code} before listening: ${output}`)));
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on('exit', resolve)));
}

describe('docs:serve', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('serves the root on 127.0.0.1 and stops cleanly on %s', async (signal) => {
    const { child, url } = await serve(['--port', '0', '--root', root]);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${url}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>docs</title>');

    child.kill(signal);
    expect(await exitOf(child)).toBe(0);
    await expect(fetch(`${url}/`)).rejects.toThrow();
  });

  it.each<[string, { args: string[]; want: { code: number; message: RegExp } }]>([
    ['an unknown flag', { args: ['--prot', '4011'], want: { code: 2, message: /Unknown option '--prot'/ } }],
    ['a positional argument', { args: ['dist'], want: { code: 2, message: /Unexpected argument 'dist'/ } }],
    [
      'a port that is no number',
      { args: ['--port', 'http'], want: { code: 2, message: /--port must be a port number \(0–65535\), not "http"/ } },
    ],
    ['a port out of range', { args: ['--port', '70000'], want: { code: 2, message: /--port must be a port number/ } }],
    ['a flag without its value', { args: ['--port'], want: { code: 2, message: /--port/ } }],
    [
      'a root without a built page',
      {
        args: ['--root', join(tmpdir(), 'no-such-docs')],
        want: { code: 1, message: /no built docs in .*no-such-docs: run `pnpm docs` first/ },
      },
    ],
  ])('rejects %s with a one-line reason', (_, { args, want }) => {
    const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 15_000 });
    expect(result.status).toBe(want.code);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^docs:serve: /);
    expect(lines[0]).toMatch(want.message);
  });

  it('says when the port is taken', async () => {
    const { url } = await serve(['--port', '0', '--root', root]);
    const port = new URL(url).port;
    const result = spawnSync(process.execPath, [cli, '--port', port, '--root', root], {
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(`docs:serve: 127.0.0.1:${port} is already in use (choose another with --port)`);
  });

  it('prints its usage with --help', () => {
    const result = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8', timeout: 15_000 });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/--port 4011\] \[--host 127\.0\.0\.1\]/);
  });
});
