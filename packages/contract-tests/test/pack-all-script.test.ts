// `pnpm pack:all`: every published package (every workspace package that is not private, so a
// new one is packed without anyone listing it) packed into one folder, and the npm lines that
// install them, each package after the ones it needs.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { cleanEnv } from './support/consumer-project.js';
import { listWorkspacePackages, PUBLISHED, workspaceRoot } from './support/packed-packages.js';

const script = join(workspaceRoot, 'scripts', 'pack-all.mjs');
const out = mkdtempSync(join(tmpdir(), 'call-control-pack-all-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));
const run = (...args: string[]) =>
  promisify(execFile)(process.execPath, [script, ...args], { cwd: workspaceRoot, env: cleanEnv() }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (failure: { code: number; stdout: string; stderr: string }) => failure,
  );

it('packs every workspace package that is not private, and nothing else', async () => {
  const { code, stdout } = await run('--out', out);
  expect(code).toBe(0);
  const published = listWorkspacePackages().filter((entry) => !entry.private);
  expect(published.map(({ name }) => name).sort()).toEqual(expect.arrayContaining([...PUBLISHED].sort()));
  const files = readdirSync(out).sort();
  expect(files).toHaveLength(published.length);
  for (const { name } of published)
    expect(files.some((file) => file.startsWith(`${name.slice(1).replace('/', '-')}-`))).toBe(true);
  // The app's line: the types before the client and the receiver that need them.
  const [appLine] = stdout.split('\n').filter((line) => line.trim().startsWith('npm install /'));
  const order = ['types', 'client', 'webhooks'].map((name) => appLine!.indexOf(`call-control-${name}-`));
  expect(order.every((position) => position > 0)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
}, 120_000);

it('refuses a flag it does not know with a one-line reason and status 2', async () => {
  const { code, stdout, stderr } = await run('--outdir', out);
  expect(code).toBe(2);
  expect(stdout).toBe('');
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).toMatch(/^pack:all: .*--outdir/);
});
