#!/usr/bin/env node
// The `call-control-conformance` command. This file is committed, and the CLI is the build's
// dist/cli.js: installing the workspace links bins before anything is built, and a bin whose
// target does not exist yet makes pnpm warn "Failed to create bin" on every fresh clone.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('call-control-conformance: not built yet (no dist/cli.js): run `pnpm build` first');
  process.exit(1);
}
await import(cli.href);
