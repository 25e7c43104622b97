// `pnpm pack:all` (after `turbo run build`): every published package — each workspace package
// that is not private — packed with `pnpm pack` (which writes real versions for `workspace:` and
// `catalog:`) into dist-packages/, emptied first, as npm would receive it from the registry.
// Then the npm lines that install them into an app: nothing is on npm until a release is published.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
let values;
try {
  ({ values } = parseArgs({
    // `pnpm pack:all -- --out x` passes the `--` along: it separates nothing here.
    args: process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--')),
    options: { out: { type: 'string', default: 'dist-packages' } },
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  console.error(`pack:all: ${error.message} (usage: pnpm pack:all [--out DIR])`);
  process.exit(2);
}

const outDir = resolve(process.cwd(), values.out);
const listed = JSON.parse(
  execFileSync('pnpm', ['ls', '-r', '--depth', '-1', '--json'], { cwd: root, encoding: 'utf8' }),
);
const published = listed.filter((entry) => entry.path !== root && !entry.private);

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const tarballs = new Map();
for (const { name, path } of published) {
  const { filename } = JSON.parse(
    execFileSync('pnpm', ['pack', '--json', '--pack-destination', outDir], { cwd: path, encoding: 'utf8' }),
  );
  tarballs.set(name, join(outDir, basename(filename)));
}

const where = relative(process.cwd(), outDir) || '.';
console.log(`packed ${tarballs.size} packages into ${where}/:`);
for (const [name, file] of tarballs) console.log(`  ${name}  ${basename(file)}`);
// What an app installs together: each package with the @call-control packages it needs.
const withDependencies = (names) => {
  const needed = new Set();
  const visit = (name) => {
    if (needed.has(name) || !tarballs.has(name)) return;
    const { path } = published.find((entry) => entry.name === name);
    const manifest = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8'));
    for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(dependency);
    needed.add(name);
  };
  names.forEach(visit);
  return [...needed].map((name) => tarballs.get(name));
};
// Absolute paths: the lines are meant to be pasted in the app's own folder.
console.log('\nIn your app (the client and the receiver need @call-control/types beside them):');
console.log(`  npm install ${withDependencies(['@call-control/client', '@call-control/webhooks']).join(' ')}`);
console.log(`  npm install --save-dev ${withDependencies(['@call-control/mock-gateway']).join(' ')}`);
console.log(
  `  npm install --save-dev ${withDependencies(['@call-control/conformance']).join(' ')}   # the conformance kit`,
);
