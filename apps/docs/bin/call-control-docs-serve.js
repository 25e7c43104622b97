#!/usr/bin/env node
// The `call-control-docs-serve` command. Committed, with the CLI in the build's lib/: a bin
// whose target does not exist yet makes pnpm warn "Failed to create bin" on a fresh install.
import { existsSync } from 'node:fs';

const cli = new URL('../lib/serve-cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('call-control-docs-serve: not built yet (no lib/serve-cli.js): run `pnpm build` first');
  process.exit(1);
}
await import(cli.href);
