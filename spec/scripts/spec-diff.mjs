// `pnpm spec:diff`: the classified changes between the released contract (the newest file in
// spec/releases/, or --base) and the working tree's bundle, as a changelog. `--check` exits 1
// when the breaking-change gate fails. `--release` records the current bundle as released.
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bundledSpecJsonPath, loadBundledSpec } from '../index.js';
import { breakingChangeGate } from '../diff/gate.js';
import { pendingBump } from '../diff/pending-changesets.js';
import { latestRelease, releasesDir } from '../diff/releases.js';

let values;
try {
  ({ values } = parseArgs({
    // `pnpm x -- --flag` passes the `--` along: it separates nothing here.
    args: process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--')),
    options: {
      base: { type: 'string' },
      format: { type: 'string', default: 'text' },
      check: { type: 'boolean', default: false },
      release: { type: 'boolean', default: false },
    },
    strict: true,
  }));
  if (!['text', 'json'].includes(values.format))
    throw new Error(`--format must be text or json, not "${values.format}"`);
} catch (error) {
  console.error(`spec:diff: ${error.message}`);
  process.exit(2);
}

const revision = loadBundledSpec();

if (values.release) {
  const target = join(releasesDir, `${revision.info.version}.json`);
  if (existsSync(target)) {
    console.error(`spec:diff: ${revision.info.version} is already released; raise info.version first`);
    process.exit(1);
  }
  copyFileSync(bundledSpecJsonPath, target);
  console.log(`released ${revision.info.version} → ${target}`);
  process.exit(0);
}

const base = values.base ? loadBundledSpec(values.base) : latestRelease().spec;
const { passed, changes, report } = breakingChangeGate(base, revision, { pendingBump: await pendingBump() });
if (values.format === 'json') console.log(JSON.stringify({ passed, changes }, null, 2));
else process.stdout.write(report);
if (values.check && !passed) process.exit(1);
