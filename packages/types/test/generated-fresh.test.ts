// The committed src/generated/openapi.ts must be what the generator makes from the current
// bundle: editing the spec without `pnpm generate` fails here.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

it('src/generated/openapi.ts is fresh', async () => {
  const script = new URL('../scripts/generate.mjs', import.meta.url).pathname;
  const result = await promisify(execFile)(process.execPath, [script, '--check']).then(
    () => ({ code: 0, stderr: '' }),
    (failure: { code: number; stderr: string }) => failure,
  );
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  // A bound on a hang, not a speed check: the generator takes ~5 s alone, and over 30 s under
  // `pnpm test`'s parallel load on two cores (beside this package's own type tests).
}, 120_000);
