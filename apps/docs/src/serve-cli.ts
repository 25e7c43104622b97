#!/usr/bin/env node
// `pnpm docs:serve`: the built docs on http://127.0.0.1:4011 until SIGINT/SIGTERM.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDocsDir } from './build-docs.js';
import { DEFAULT_DOCS_HOST, DEFAULT_DOCS_PORT, startDocsServer } from './server.js';

const USAGE = `usage: call-control-docs-serve [--port ${DEFAULT_DOCS_PORT}] [--host ${DEFAULT_DOCS_HOST}] [--root DIR]`;

function fail(message: string, code = 2): never {
  console.error(`docs:serve: ${message}`);
  process.exit(code);
}

/** The flags, or a one-line reason and exit 2. */
function readFlags() {
  try {
    return parseArgs({
      // `pnpm x -- --flag` passes the `--` along: it separates nothing here.
      args: process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--')),
      options: {
        port: { type: 'string', default: String(DEFAULT_DOCS_PORT) },
        host: { type: 'string', default: DEFAULT_DOCS_HOST },
        root: { type: 'string', default: defaultDocsDir },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    fail(`${(error as Error).message} (${USAGE})`);
  }
}

const values = readFlags();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const port = Number(values.port);
if (!/^\d+$/.test(values.port) || port > 65_535) fail(`--port must be a port number (0–65535), not "${values.port}"`);
if (values.host.trim() === '') fail('--host must not be empty');
if (!existsSync(join(values.root, 'index.html'))) fail(`no built docs in ${values.root}: run \`pnpm docs\` first`, 1);

const server = await startDocsServer({ port, host: values.host, root: values.root }).catch(
  (error: NodeJS.ErrnoException) =>
    fail(
      error.code === 'EADDRINUSE'
        ? `${values.host}:${port} is already in use (choose another with --port)`
        : error.message,
      1,
    ),
);
console.log(`listening on ${server.url}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    void server.close().then(() => process.exit(0));
  });
}
