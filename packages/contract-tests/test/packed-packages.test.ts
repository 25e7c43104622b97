// The six published packages as `pnpm pack` makes them: publishable manifests, nothing
// imported that an install would not bring, publint and arethetypeswrong clean. The tarballs
// are the ones a release publishes (`pnpm release` packs the same way).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  listWorkspacePackages,
  packagesToPack,
  packPackages,
  PUBLISHED,
  workspaceRoot,
  type PackedPackage,
} from './support/packed-packages.js';
import { undeclaredImports } from './support/shipped-imports.js';

const bin = (name: string) => fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));
const run = (command: string, args: string[]) =>
  promisify(execFile)(command, args, { maxBuffer: 16 * 1024 * 1024 }).then(
    ({ stdout }) => ({ code: 0, output: stdout }),
    (failure: { code: number; stdout: string; stderr: string }) => ({
      code: failure.code,
      output: `${failure.stdout}${failure.stderr}`,
    }),
  );

const rootManifest = JSON.parse(readFileSync(join(workspaceRoot, 'package.json'), 'utf8'));
const license = readFileSync(join(workspaceRoot, 'LICENSE'), 'utf8');
const work = mkdtempSync(join(tmpdir(), 'call-control-packed-'));
let packed: Map<string, PackedPackage>;

beforeAll(() => {
  packed = new Map(packPackages(packagesToPack(), work).map((pkg) => [pkg.name, pkg]));
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

it('publishes exactly the six packages, and packs every workspace package they need', () => {
  const published = listWorkspacePackages()
    .filter((entry) => !entry.private)
    .map((entry) => entry.name);
  expect(published.sort()).toEqual([...PUBLISHED].sort());
  expect([...packed.keys()].sort()).toEqual([...PUBLISHED].sort());
});

it('refuses to pack a published package that needs a private one at run time', () => {
  const workspace = listWorkspacePackages().map((entry) =>
    entry.name === '@call-control/types' ? { ...entry, private: true } : entry,
  );
  expect(() => packagesToPack(workspace)).toThrow(/depends at run time on @call-control\/types, which is private/);
});

it('notices an import the manifest does not declare', () => {
  const mock = packed.get('@call-control/mock-gateway')!;
  const { undici: _, ...dependencies } = mock.manifest.dependencies!;
  const undeclared = undeclaredImports({ ...mock, manifest: { ...mock.manifest, dependencies } });
  expect(undeclared).toEqual([expect.stringMatching(/^undici \(imported by dist\/[\w/-]+\.js/)]);
});

describe.each(PUBLISHED)('%s', (name) => {
  const pkg = () => packed.get(name)!;

  it('has a publishable manifest: public, MIT, repository, engines, files, sideEffects, exports', () => {
    const { manifest, directory } = pkg();
    expect(manifest.private).toBeUndefined();
    expect(manifest.license).toBe('MIT');
    expect(manifest.repository).toEqual({ ...rootManifest.repository, directory });
    expect(manifest.engines).toEqual({ node: '>=20.19' });
    expect(manifest.files?.length).toBeGreaterThan(0);
    expect(manifest.sideEffects).toBeDefined();
    expect(manifest.exports?.['.']).toBeDefined();
    expect(manifest.exports?.['./package.json']).toBe('./package.json');
  });

  it('leaves no workspace: or catalog: specifier in the packed manifest', () => {
    const raw = readFileSync(join(pkg().unpacked, 'package.json'), 'utf8');
    expect(raw).not.toMatch(/"(workspace|catalog):/);
    for (const [dependency, range] of Object.entries(pkg().manifest.dependencies ?? {})) {
      expect(range, dependency).toMatch(/^\^?\d+\.\d+\.\d+$/);
    }
  });

  it('ships the LICENSE, a README and a CHANGELOG, and no tests', () => {
    const { files, unpacked } = pkg();
    expect(readFileSync(join(unpacked, 'LICENSE'), 'utf8')).toBe(license);
    expect(files).toEqual(expect.arrayContaining(['README.md', 'CHANGELOG.md']));
    expect(files.filter((file) => /(^|\/)test\/|\.test\.|\.test-d\./.test(file))).toEqual([]);
  });

  it('declares every package its shipped code and declarations import', () => {
    expect(undeclaredImports(pkg())).toEqual([]);
  });

  it('passes publint --strict', async () => {
    const { code, output } = await run(bin('publint'), ['run', '--strict', pkg().tarball]);
    expect(output).toContain('All good!');
    expect(code).toBe(0);
  }, 60_000);

  // ESM only (the esm-only profile): CommonJS callers use require() of ES modules, Node
  // 20.19+ (ADR 0005). The YAML bundle is a file to read, not a module to resolve.
  it('passes arethetypeswrong for ESM consumers and bundlers', async () => {
    const exclude = name === '@call-control/spec' ? ['--exclude-entrypoints', './openapi.yaml'] : [];
    const args = [
      pkg().tarball,
      '--profile',
      'esm-only',
      '--no-definitely-typed',
      '--format',
      'ascii',
      '--no-color',
      ...exclude,
    ];
    const { code, output } = await run(bin('attw'), args);
    expect(code, output).toBe(0);
  }, 60_000);
});
