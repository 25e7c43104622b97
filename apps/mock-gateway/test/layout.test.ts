// The tests mirror the modules: every source module has its test file, and every test file
// at the top of test/ is named after a module (suites that cut across live in subfolders).
import { readdirSync } from 'node:fs';
import { expect, it } from 'vitest';

const names = (folder: string, suffix: string) =>
  readdirSync(new URL(folder, import.meta.url))
    .filter((file) => file.endsWith(suffix))
    .map((file) => file.slice(0, -suffix.length))
    .sort();

// index.ts only re-exports the public surface; the other two only declare types.
const DECLARATIONS = ['index', 'engine-verdict', 'mock-gateway-options'];
const modules = names('../src/', '.ts').filter((name) => !DECLARATIONS.includes(name));

it('every module in src/ has its test in test/, and every test there names a module', () => {
  expect(names('./', '.test.ts').filter((name) => name !== 'layout')).toEqual(modules);
});
