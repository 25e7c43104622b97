// The tests mirror the modules: every module of src/ (and of src/receiver/, src/gateway/) has
// its test at the same place under test/, and every test there names a module. Suites that cut
// across live in test/e2e/ and test/derivation/.
import { readdirSync } from 'node:fs';
import { expect, it } from 'vitest';

const names = (folder: string, suffix: string) =>
  readdirSync(new URL(folder, import.meta.url))
    .filter((file) => file.endsWith(suffix))
    .map((file) => file.slice(0, -suffix.length))
    .sort();

// index.ts only re-exports the public surface.
const DECLARATIONS = ['index'];

it.each(['', 'receiver/', 'gateway/'])(
  'every module in src/%s has its test, and every test there names a module',
  (folder) => {
    const modules = names(`../src/${folder}`, '.ts').filter((name) => !DECLARATIONS.includes(name));
    const tests = names(`./${folder}`, '.test.ts').filter((name) => name !== 'layout');
    expect(tests).toEqual(modules);
  },
);
