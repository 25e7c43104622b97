// The committed src/control/generated/control-plane.ts must be what the generator makes from the
// control plane's document: editing openapi/ (or the contract it quotes) without `pnpm generate`
// fails here.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

it('src/control/generated/control-plane.ts is fresh', async () => {
  const script = new URL('../../../scripts/generate-control-types.mjs', import.meta.url).pathname;
  const result = await promisify(execFile)(process.execPath, [script, '--check']).then(
    () => ({ code: 0, stderr: '' }),
    (failure: { code: number; stderr: string }) => failure,
  );
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  // A bound on a hang, not a speed check: the generator takes a few seconds alone, far more under load.
}, 120_000);
