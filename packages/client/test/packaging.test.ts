// The built client: browser-safe and within its size budget. publint and arethetypeswrong run
// on the packed tarball, with the other published packages, in packages/contract-tests.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('packaging', () => {
  // The budget is ADR 0006's (its measurements are there): the bounded response reader, the
  // readable-2xx checks, the Retry-After parser, the timeout checks and refusing redirects are
  // worth their bytes.
  it('stays within 2.2 kB (min+gzip) over openapi-fetch alone', async () => {
    const { stdout } = await run(process.execPath, ['scripts/size.mjs'], { cwd: packageDir });
    const { client, openapiFetch } = JSON.parse(stdout);
    expect(client.gzip).toBeLessThanOrEqual(openapiFetch.gzip + 2_200);
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
