// First command of the quick start, run with plain npm on a machine that has only Node:
// installs pnpm (the version in package.json's packageManager), Debian's Chromium for the
// browser tests and Debian's Python 3 with requests for the docs' Python samples (when they
// are missing and this user may install packages), and the workspace's dependencies. Safe to
// run again: each step is skipped when already done.
// `--node <major>` does only this instead: installs that Node from the npm registry (for running
// the suite on it, as CI does on 24) and prints the folder to put first on PATH.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { installNode } from './install-node.mjs';

const USAGE = 'usage: npm run setup [-- --node <major>]';
function fail(message) {
  console.error(`setup: ${message} (${USAGE})`);
  process.exit(2);
}

let flags;
try {
  ({ values: flags } = parseArgs({
    args: process.argv.slice(2),
    options: { node: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  fail(error.message);
}

const root = new URL('..', import.meta.url);
if (flags.node !== undefined) {
  if (!/^[1-9]\d*$/.test(flags.node)) fail(`--node takes a major version such as 24, not "${flags.node}"`);
  console.log(installNode(flags.node, root));
  process.exit(0);
}
const { packageManager } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const pnpmVersion = packageManager.replace(/^pnpm@/, '');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const run = (command, args) => execFileSync(command, args, { stdio: 'inherit', cwd: root });
const installed = (command, args) => spawnSync(command, args, { encoding: 'utf8' }).stdout?.trim();

// corepack cannot verify pnpm's registry signatures here, so pnpm comes from npm itself.
if (installed('pnpm', ['--version']) !== pnpmVersion) {
  console.log(`setup: installing pnpm ${pnpmVersion}`);
  run('npm', ['install', '--global', `pnpm@${pnpmVersion}`]);
}

if (existsSync(chromium)) {
  console.log(`setup: Chromium found at ${chromium}`);
} else if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
  console.log('setup: installing Chromium (Debian package) for the browser tests');
  run('apt-get', ['update']);
  run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium']);
} else {
  console.warn(
    `setup: Chromium is missing at ${chromium}; the docs browser test needs it. ` +
      'Install it (Debian: sudo apt-get install -y chromium) or set CHROMIUM_PATH.',
  );
}

// Debian's Python 3 and requests: `pnpm test` runs the docs' Python samples with them.
const python = process.env.PYTHON3_PATH ?? '/usr/bin/python3';
if (spawnSync(python, ['-c', 'import requests'], { stdio: 'ignore' }).status === 0) {
  console.log(`setup: Python 3 with requests found at ${python}`);
} else if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
  console.log("setup: installing Python 3 and requests (Debian packages) for the docs' Python samples");
  run('apt-get', ['update']);
  run('apt-get', ['install', '-y', '--no-install-recommends', 'python3', 'python3-requests']);
} else {
  console.warn(
    `setup: Python 3 with requests is missing at ${python}; the docs' Python samples need it. ` +
      'Install it (Debian: sudo apt-get install -y python3 python3-requests) or set PYTHON3_PATH.',
  );
}

run('pnpm', ['install', ...(process.env.CI ? ['--frozen-lockfile'] : [])]);
