// `pnpm start`: the main job. Builds what changed (turbo), then runs the mock gateway and the
// docs preview side by side, each line prefixed with its name. A part that stops on its own (a
// port in use, a bad flag) says why, and the others keep running; Ctrl-C (SIGINT) or SIGTERM
// stops every part and ends with status 0. Its own flags: --docs-port N (the preview's port,
// default 4011), --no-docs, --no-build; every other flag goes to the mock gateway.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const OWN_FLAGS = {
  'docs-port': { type: 'string', default: '4011' },
  'no-docs': { type: 'boolean', default: false },
  'no-build': { type: 'boolean', default: false },
};

/** This script's flags, and the rest (in order) for the mock gateway. */
function splitArgs(argv) {
  // `pnpm start -- --port 4020` passes the `--` along: it separates nothing here.
  const args = argv.filter((arg, i) => !(i === 0 && arg === '--'));
  const { values, tokens } = parseArgs({
    args,
    options: OWN_FLAGS,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const taken = new Set();
  for (const token of tokens) {
    if (token.kind !== 'option' || !(token.name in OWN_FLAGS)) continue;
    taken.add(token.index);
    if (OWN_FLAGS[token.name].type === 'string' && !token.inlineValue) taken.add(token.index + 1);
  }
  return { values, mockArgs: args.filter((_, i) => !taken.has(i)) };
}

const { values, mockArgs } = splitArgs(process.argv.slice(2));
const docsPort = values['docs-port'];
if (typeof docsPort !== 'string' || !/^\d+$/.test(docsPort) || Number(docsPort) > 65_535) {
  console.error(`start: --docs-port must be a port number (0–65535), not "${docsPort ?? ''}"`);
  process.exit(2);
}

// The docs' try-it panels call the mock from the preview's origin: the mock allows exactly that
// one (as the browser names it, by address or by name), beside any --cors-origin given here.
const docsOrigins = values['no-docs'] ? [] : [`http://127.0.0.1:${docsPort}`, `http://localhost:${docsPort}`];

/** What to say when a part stops on its own: the flags that move it or leave it out. */
const PARTS = [
  {
    name: 'mock',
    script: 'apps/mock-gateway/dist/cli.js',
    args: [...mockArgs, ...docsOrigins.flatMap((origin) => ['--cors-origin', origin])],
    hint: 'another port: pnpm start -- --port N',
  },
  {
    name: 'docs',
    script: 'apps/docs/lib/serve-cli.js',
    args: ['--port', docsPort],
    hint: 'another port: pnpm start -- --docs-port N; none: --no-docs',
  },
].filter(({ name }) => name !== 'docs' || !values['no-docs']);

let stopping = false;
const running = new Set();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    // A terminal's Ctrl-C reaches every part already (one process group); a kill reaches only us.
    for (const child of running) child.kill(signal);
    if (running.size === 0) process.exit(0);
  });
}

/** Runs a command with its output prefixed by `[name] `; resolves with its exit status. */
function run(name, command, args) {
  const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  for (const [stream, out] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ]) {
    let partial = '';
    stream.on('data', (chunk) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop();
      for (const line of lines) out.write(`[${name}] ${line}\n`);
    });
    stream.on('end', () => partial && out.write(`[${name}] ${partial}\n`));
  }
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      running.delete(child);
      // Ended by the Ctrl-C (or SIGTERM) we are stopping on: stopped as asked. A part caught by it
      // while it was exiting on its own (a bad flag, said on its line before) has no status left.
      const stoppedAsAsked = stopping && (signal === 'SIGINT' || signal === 'SIGTERM');
      resolve(code ?? (stoppedAsAsked ? 0 : signal ? 128 : 1));
    }),
  );
}

if (!values['no-build']) {
  const turbo = `${root}/node_modules/.bin/turbo`;
  const built = await run('build', turbo, ['run', 'build', '--output-logs=errors-only']);
  if (stopping) process.exit(0);
  if (built !== 0) {
    console.error(`start: the build failed (exit status ${built}); nothing was started`);
    process.exit(built);
  }
}

const USAGE_ERROR = 2;
const failedWhileStopping = [];
const exits = PARTS.map(async ({ name, script, args, hint }) => {
  if (!existsSync(`${root}/${script}`)) {
    console.error(`[start] ${name}: ${script} is not built; run pnpm build`);
    return 1;
  }
  const code = await run(name, process.execPath, [script, ...args]);
  // Status 2 is a usage error (a bad flag): the part's own failure even when a Ctrl-C came
  // while it was exiting, never a part that failed to stop.
  const ownFailure = !stopping || code === USAGE_ERROR;
  if (!ownFailure && code !== 0) failedWhileStopping.push(code);
  if (ownFailure) {
    const others = running.size > 0 ? 'the others keep running' : 'nothing is left running';
    console.error(`[start] ${name} stopped (exit status ${code}): ${others} (${hint})`);
  }
  return code;
});

const codes = await Promise.all(exits);
// Stopped by Ctrl-C or SIGTERM: status 0 when every part still running stopped cleanly (a part
// that had failed on its own said so then). Otherwise every part stopped on its own: the first failure.
process.exit(stopping ? (failedWhileStopping[0] ?? 0) : (codes.find((code) => code !== 0) ?? 0));
