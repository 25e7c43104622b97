// The committed src/generated/validators.ts must be what the generator makes from the current
// bundle: editing the spec without `pnpm generate` fails here.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

it('src/generated/validators.ts is fresh', async () => {
  const script = new URL('../scripts/generate.mjs', import.meta.url).pathname;
  const result = await promisify(execFile)(process.execPath, [script, '--check']).then(
    () => ({ code: 0, stderr: '' }),
    (failure: { code: number; stderr: string }) => failure,
  );
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
}, 30_000);
