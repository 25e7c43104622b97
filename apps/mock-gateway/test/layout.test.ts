// The tests mirror the modules: every source module has its test at the same place under
// test/ (`src/http/media-type.ts` → `test/http/media-type.test.ts`), and every test in those
// folders names a module. Suites that cut across modules live in folders of their own.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const TEST = fileURLToPath(new URL('./', import.meta.url));
/** Test folders that hold suites across modules, or what those suites share: no module of their name. */
const SUITES = ['control-plane', 'e2e', 'faults', 'soak', 'support'];
/** index.ts only re-exports the public surface; these only declare types. */
const DECLARATIONS = ['index.ts', 'engine/engine-verdict.ts', 'mock-gateway-options.ts'];

function files(root: string, dir = root): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory())
      return dir === root && SUITES.includes(name) && root === TEST ? [] : files(root, path);
    return [relative(root, path)];
  });
}

const modules = files(SRC)
  .filter((path) => path.endsWith('.ts') && !path.endsWith('.d.ts') && !DECLARATIONS.includes(path))
  .map((path) => path.slice(0, -'.ts'.length))
  .sort();

it('every module in src/ has its test at the same place in test/, and every test there names a module', () => {
  const tests = files(TEST)
    .filter((path) => path !== 'layout.test.ts')
    .map((path) => path.replace(/\.test\.ts$/, ''))
    .sort();
  expect(tests).toEqual(modules);
});
