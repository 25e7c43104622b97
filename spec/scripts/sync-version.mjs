// `info.version` follows @call-control/spec's package version, which changesets raise
// (`pnpm version-packages` runs this after `changeset version`): the contract and the package
// that publishes it have one version. Edits the one line in openapi.yaml, nothing else.
import { readFileSync, writeFileSync } from 'node:fs';

const specDir = new URL('../', import.meta.url);
const { version } = JSON.parse(readFileSync(new URL('package.json', specDir), 'utf8'));
const rootFile = new URL('openapi.yaml', specDir);
const source = readFileSync(rootFile, 'utf8');
// `info:` is a top-level key, and `version:` its child at two spaces.
const INFO_VERSION = /^(info:\n(?:(?: {2,}.*)?\n)*? {2}version: )(.+)$/m;
const match = source.match(INFO_VERSION);
if (match === null) {
  console.error('sync-version: no info.version in spec/openapi.yaml');
  process.exit(1);
}
if (match[2] !== version) {
  writeFileSync(rootFile, source.replace(INFO_VERSION, `$1${version}`));
  console.log(`sync-version: info.version ${match[2]} → ${version}`);
}
