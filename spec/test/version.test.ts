// The contract and the package that publishes it have one version: `pnpm version-packages`
// raises @call-control/spec's version from the changesets, sets info.version to it and records
// the contract of that version in releases/.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { releasedVersions } from '../diff/releases.js';
import { loadBundledSpec } from './support/bundled-spec.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

it('info.version is @call-control/spec’s version', () => {
  const infoVersion = loadBundledSpec().info.version;
  if (infoVersion !== version) {
    expect.fail(
      `info.version is ${infoVersion} but @call-control/spec is ${version}: versions come from changesets (\`pnpm changeset\`, then \`pnpm version-packages\` sets both); do not edit either by hand`,
    );
  }
});

it('the newest released contract is this version’s', () => {
  expect(releasedVersions()[0]).toBe(version);
});
