// The main entry must run in any runtime with Web APIs: no module it loads may import a
// Node built-in. Walks the built import graph from dist/index.js.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const IMPORT =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g;

it('nothing reachable from the main entry imports a Node built-in', () => {
  const entry = fileURLToPath(new URL('../dist/index.js', import.meta.url));
  const seen = new Set<string>();
  const builtins: string[] = [];
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const require = createRequire(file);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? match[3]!;
      if (specifier.startsWith('node:') || /^(crypto|fs|http|https|net|path|stream|buffer|url|util)$/.test(specifier)) {
        builtins.push(`${file}: ${specifier}`);
        continue;
      }
      const target = specifier.startsWith('.') ? resolve(dirname(file), specifier) : require.resolve(specifier);
      if (target.endsWith('.js') || target.endsWith('.cjs') || target.endsWith('.mjs')) visit(target);
    }
  };
  visit(entry);
  expect(seen.size).toBeGreaterThan(5);
  expect(builtins).toEqual([]);
});
