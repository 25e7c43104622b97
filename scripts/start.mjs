// `pnpm start` (after `turbo run build`): the main job — the mock gateway, and the docs
// preview when the docs are built — side by side, each line prefixed with its name.
// Ctrl-C (SIGINT) or SIGTERM stops both; flags after `pnpm start --` go to the mock gateway.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const services = [
  // `pnpm start -- --port 4020` passes the `--` along: it separates nothing here.
  {
    name: 'mock',
    script: 'apps/mock-gateway/dist/cli.js',
    args: process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--')),
  },
  { name: 'docs', script: 'apps/docs/lib/serve-cli.js', args: [] },
].filter(({ script }) => existsSync(`${root}/${script}`));

const children = services.map(({ name, script, args }) => {
  const child = spawn(process.execPath, [script, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream.on('data', (chunk) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop();
      for (const line of lines)
        (stream === child.stderr ? process.stderr : process.stdout).write(`[${name}] ${line}\n`);
    });
  }
  return { name, child, exit: new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 0))) };
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const { child } of children) child.kill(signal);
  });
}
// When one service stops on its own (a bad flag, a port in use), stop the others too.
const first = await Promise.race(children.map(({ name, exit }) => exit.then((code) => ({ name, code }))));
for (const { child } of children) if (child.exitCode === null) child.kill('SIGTERM');
const codes = await Promise.all(children.map(({ exit }) => exit));
process.exit(first.code || Math.max(0, ...codes));
