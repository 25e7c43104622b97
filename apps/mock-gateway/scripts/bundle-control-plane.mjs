// The `build` script's second step: bundles the control plane's OpenAPI document
// (openapi/control-plane.yaml, which takes the API's schemas from the contract's bundle) into
// one self-contained file, dist/control-plane.json — what the tests validate the control
// plane's answers against and the docs render as "Mock gateway".
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const redocly = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');

execFileSync(process.execPath, [redocly, 'bundle', 'control-plane', '--ext', 'json', '-o', 'dist/control-plane.json'], {
  cwd: appDir,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
});
