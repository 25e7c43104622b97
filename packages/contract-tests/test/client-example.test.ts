// @call-control/client's runnable README example, run for real against the mock gateway.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { startMockGateway } from '@call-control/mock-gateway';
import { expect, it } from 'vitest';

it('examples/hangup.mjs hangs up a call on the mock gateway', async () => {
  const gateway = await startMockGateway({ port: 0, quiet: true });
  try {
    const script = join(
      dirname(createRequire(import.meta.url).resolve('@call-control/client/package.json')),
      'examples',
      'hangup.mjs',
    );
    const { stdout } = await promisify(execFile)(process.execPath, [script], {
      env: { ...process.env, GATEWAY_URL: gateway.url },
    });
    expect(stdout).toMatch(/^hangup accepted: operation [0-9a-f-]{36}; the result arrives as command\.result\n$/);
  } finally {
    await gateway.close();
  }
});
