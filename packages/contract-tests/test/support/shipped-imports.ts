// What a packed package's shipped JavaScript and declarations import, by package name, read
// with TypeScript's own pre-processor (imports, re-exports, `import()`, `require()` and
// `/// <reference types>`), so nothing is missed by a hand-written pattern.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import ts from 'typescript';
import type { PackedPackage } from './packed-packages.js';

const SHIPPED_CODE = /\.(?:m|c)?js$|\.d\.(?:m|c)?ts$/;
const builtins = new Set(builtinModules);

/** `@scope/name/deep/path.js` → `@scope/name`; `name/deep` → `name`; relative → undefined. */
function packageNameOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

export const isNodeBuiltin = (name: string) => name.startsWith('node:') || builtins.has(name);

interface ShippedImports {
  /** Package name → the shipped files that import it. */
  packages: Map<string, string[]>;
  /** Node built-ins imported, with the files (declarations that do need `@types/node`). */
  builtins: Map<string, string[]>;
}

function shippedImports(pkg: PackedPackage): ShippedImports {
  const packages = new Map<string, string[]>();
  const found = new Map<string, string[]>();
  const note = (map: Map<string, string[]>, key: string, file: string) => map.set(key, [...(map.get(key) ?? []), file]);
  for (const file of pkg.files.filter((path) => SHIPPED_CODE.test(path))) {
    const { importedFiles, typeReferenceDirectives } = ts.preProcessFile(
      readFileSync(join(pkg.unpacked, file), 'utf8'),
      true,
      true,
    );
    const specifiers = [...importedFiles, ...typeReferenceDirectives].map((reference) => reference.fileName);
    for (const specifier of specifiers) {
      const name = packageNameOf(specifier);
      if (name === undefined) continue;
      if (isNodeBuiltin(name)) note(found, name, file);
      else note(packages, name, file);
    }
  }
  return { packages, builtins: found };
}

/** Imported packages a consumer's install would not bring: neither itself nor declared. */
export function undeclaredImports(pkg: PackedPackage): string[] {
  const declared = new Set([
    pkg.name,
    ...Object.keys({ ...pkg.manifest.dependencies, ...pkg.manifest.peerDependencies }),
  ]);
  return [...shippedImports(pkg).packages]
    .filter(([name]) => !declared.has(name))
    .map(([name, files]) => `${name} (imported by ${files.join(', ')})`);
}
