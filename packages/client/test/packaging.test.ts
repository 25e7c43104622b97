// The package as it would be published: lint-free for publint, types that resolve for every
// ESM consumer (arethetypeswrong), browser-safe, and within its size budget.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const bin = (name: string) => resolve(packageDir, 'node_modules', '.bin', name);
const exitOf = (command: Promise<{ stdout: string }>) =>
  command.then(({ stdout }) => ({ code: 0, stdout }), (failure: { code: number; stdout: string; stderr: string }) => ({ code: failure.code, stdout: `${failure.stdout}${failure.stderr}` }));

describe('packaging', () => {
  it('passes publint', async () => {
    const { code, stdout } = await exitOf(run(bin('publint'), ['--strict'], { cwd: packageDir }));
    expect(stdout).toContain('All good!');
    expect(code).toBe(0);
  }, 120_000);

  it('has types that resolve for ESM consumers and bundlers (arethetypeswrong, esm-only profile)', async () => {
    const { code, stdout } = await exitOf(run(bin('attw'), ['--pack', '.', '--profile', 'esm-only', '--format', 'json'], { cwd: packageDir }));
    const report = JSON.parse(stdout.slice(stdout.indexOf('{')));
    // An ESM-only package cannot be require()d; the profile ignores those resolutions only.
    const ignored = new Set(['node10', 'node16-cjs']);
    const problems = (report.analysis.problems ?? []).filter((problem: { resolutionKind?: string }) => !ignored.has(problem.resolutionKind ?? ''));
    expect(problems).toEqual([]);
    expect(code).toBe(0);
  }, 120_000);

  // 2 kB since issue 13 (ADR 0006): a bounded response reader, readable-2xx checks, the
  // Retry-After parser and the timeout checks cost ~620 B over the 1.3 kB before.
  it('stays within 2 kB (min+gzip) over openapi-fetch alone', async () => {
    const { stdout } = await run(process.execPath, ['scripts/size.mjs'], { cwd: packageDir });
    const { client, openapiFetch } = JSON.parse(stdout);
    expect(client.gzip).toBeLessThanOrEqual(openapiFetch.gzip + 2_000);
  }, 60_000);

  it('imports nothing from Node anywhere the built client reaches', () => {
    const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
    const seen = new Set<string>();
    const nodeImports: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
        const specifier = match[1] ?? match[2]!;
        if (specifier.startsWith('node:')) nodeImports.push(`${file}: ${specifier}`);
        else if (!specifier.startsWith('@call-control/types')) {
          visit(specifier.startsWith('.') ? resolve(dirname(file), specifier) : createRequire(file).resolve(specifier));
        }
      }
    };
    visit(resolve(packageDir, 'dist/index.js'));
    expect(seen.size).toBeGreaterThan(3);
    expect(nodeImports).toEqual([]);
  });
});
