// The published packages as npm would receive them: each packed with `pnpm pack` (which
// rewrites `workspace:` and `catalog:` specifiers), then unpacked to be inspected. The set is
// the six publishable packages plus every workspace package they need at run time, so a new
// internal dependency (the mock gateway on the client, say) is packed without anyone
// remembering to add it here; a private one fails loudly instead.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The packages this repository publishes to npm. */
export const PUBLISHED = [
  '@call-control/spec',
  '@call-control/types',
  '@call-control/client',
  '@call-control/webhooks',
  '@call-control/mock-gateway',
  '@call-control/conformance',
] as const;

export interface WorkspacePackage {
  name: string;
  path: string;
  private: boolean;
}

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  license?: string;
  repository?: { type?: string; url?: string; directory?: string };
  engines?: Record<string, string>;
  files?: string[];
  sideEffects?: boolean | string[];
  exports?: Record<string, unknown>;
  bin?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

export interface PackedPackage {
  name: string;
  /** Where it lives in the workspace, relative to the root (`packages/client`). */
  directory: string;
  tarball: string;
  /** The tarball, unpacked (npm's `package/` folder). */
  unpacked: string;
  manifest: Manifest;
  /** Paths inside the package, `/`-separated. */
  files: string[];
  packedBytes: number;
  unpackedBytes: number;
}

export const workspaceRoot = new URL('../../../../', import.meta.url).pathname.replace(/\/$/, '');

export function listWorkspacePackages(): WorkspacePackage[] {
  const listed = JSON.parse(
    execFileSync('pnpm', ['ls', '-r', '--depth', '-1', '--json'], { cwd: workspaceRoot, encoding: 'utf8' }),
  );
  return (listed as WorkspacePackage[]).filter((entry) => entry.path !== workspaceRoot);
}

const readManifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
const runtimeDependencies = (manifest: Manifest) =>
  Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies, ...manifest.optionalDependencies });

/** The published packages and, transitively, every workspace package they depend on at run time. */
export function packagesToPack(workspace: WorkspacePackage[] = listWorkspacePackages()): WorkspacePackage[] {
  const byName = new Map(workspace.map((entry) => [entry.name, entry]));
  const needed = new Map<string, WorkspacePackage>();
  const visit = (name: string, neededBy: string) => {
    const entry = byName.get(name);
    if (entry === undefined || needed.has(name)) return;
    if (entry.private)
      throw new Error(
        `${neededBy} depends at run time on ${name}, which is private: publish it or drop the dependency`,
      );
    needed.set(name, entry);
    for (const dependency of runtimeDependencies(readManifest(entry.path))) visit(dependency, name);
  };
  for (const name of PUBLISHED) {
    if (!byName.has(name)) throw new Error(`${name} is not a workspace package`);
    visit(name, 'the published set');
  }
  return [...needed.values()];
}

function filesUnder(dir: string, root = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path, root) : [relative(root, path)];
  });
}

/** Packs each package into `into/tarballs` and unpacks it into `into/unpacked/<name>`. */
export function packPackages(packages: WorkspacePackage[], into: string): PackedPackage[] {
  const tarballs = join(into, 'tarballs');
  mkdirSync(tarballs, { recursive: true });
  return packages.map((entry) => {
    const { filename } = JSON.parse(
      execFileSync('pnpm', ['pack', '--json', '--pack-destination', tarballs], { cwd: entry.path, encoding: 'utf8' }),
    ) as { filename: string };
    const target = join(into, 'unpacked', entry.name.replace('/', '+'));
    mkdirSync(target, { recursive: true });
    execFileSync('tar', ['-xzf', filename, '-C', target]);
    const unpacked = join(target, 'package');
    const files = filesUnder(unpacked);
    return {
      name: entry.name,
      directory: relative(workspaceRoot, entry.path),
      tarball: filename,
      unpacked,
      manifest: readManifest(unpacked),
      files,
      packedBytes: statSync(filename).size,
      unpackedBytes: files.reduce((sum, file) => sum + statSync(join(unpacked, file)).size, 0),
    };
  });
}
