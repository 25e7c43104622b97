// `pnpm version-packages`: changesets turn the pending changesets into new versions and
// CHANGELOG.md entries; then the contract's `info.version` follows @call-control/spec's
// version, and the rebuilt bundle of a new contract version is recorded in spec/releases/ as
// the breaking-change gate's next baseline. Commit the result; `pnpm release` publishes it.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: 'inherit' });

run('pnpm', ['exec', 'changeset', 'version']);
run(process.execPath, ['spec/scripts/sync-version.mjs']);
run('pnpm', ['exec', 'turbo', 'run', 'build', '--filter=@call-control/spec', '--output-logs=errors-only']);
const { version } = JSON.parse(readFileSync(new URL('spec/package.json', root), 'utf8'));
if (!existsSync(new URL(`spec/releases/${version}.json`, root)))
  run(process.execPath, ['spec/scripts/spec-diff.mjs', '--release']);
