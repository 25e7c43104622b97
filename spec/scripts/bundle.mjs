// Bundles the split spec into the one file every consumer reads: dist/openapi.yaml and
// dist/openapi.json, with the redocly.yaml decorators applied (so the timing of each
// command's webhooks and the hangup cause table appear in the descriptions); and the
// contract's changelog beside them, dist/changelog.json, from releases/ and the new bundle.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contractChangelog } from '../diff/contract-changelog.js';

const specDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const redocly = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');

rmSync(join(specDir, 'dist'), { recursive: true, force: true });
for (const ext of ['yaml', 'json']) {
  execFileSync(process.execPath, [redocly, 'bundle', 'call-control', '--ext', ext, '-o', `dist/openapi.${ext}`], {
    cwd: specDir,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
}

const bundle = JSON.parse(readFileSync(join(specDir, 'dist', 'openapi.json'), 'utf8'));
writeFileSync(join(specDir, 'dist', 'changelog.json'), `${JSON.stringify(contractChangelog(bundle), null, 2)}\n`);
