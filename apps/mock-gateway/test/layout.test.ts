// The source tree shows the pipeline, and the tests mirror it. src/ has one folder per stage,
// in the order a request meets them; a module imports only from its own stage or an earlier
// one (read with the TypeScript compiler, type-only and dynamic imports included), and the
// root wires the stages together — so a later stage reaches an earlier one only through the
// root. Every module has its test at the same place under test/ (`src/http/media-type.ts` →
// `test/http/media-type.test.ts`), and every test there names a module; suites that cut across
// modules live in folders of their own.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The stages, first to last: a module may import from its own stage and those before it. The
 * control client (`@call-control/mock-gateway/control`) comes first: it is a client of the mock,
 * not part of its pipeline, so it may import nothing but itself (only the root uses it).
 */
const STAGES = ['control', 'common', 'http', 'engine', 'commands', 'delivery', 'workbench'];
const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const TEST = fileURLToPath(new URL('./', import.meta.url));
/** Test folders that hold suites across modules, or what those suites share: no module of their name. */
const SUITES = ['control-plane', 'e2e', 'faults', 'soak', 'support'];
/** Modules that only declare types or re-export: nothing to run, so no test of their own. */
const DECLARATIONS = [
  'index.ts',
  'mock-gateway-options.ts',
  'engine/engine-verdict.ts',
  'delivery/delivery-reports.ts',
  'workbench/inspector-config.ts',
];

/** Every file under `root`, as a path relative to it; `skip` names top-level folders left out. */
function files(root: string, skip: string[] = [], dir = root): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (!statSync(path).isDirectory()) return [relative(root, path)];
    return dir === root && skip.includes(name) ? [] : files(root, skip, path);
  });
}

/** The relative modules a file imports, re-exports or loads, type-only and dynamic ones included. */
function importsOf(path: string, text: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    let specifier: ts.Node | undefined;
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) specifier = node.moduleSpecifier;
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword)
      specifier = node.arguments[0];
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) specifier = node.argument.literal;
    if (specifier !== undefined && ts.isStringLiteral(specifier) && specifier.text.startsWith('.'))
      found.push(normalize(join(dirname(path), specifier.text.replace(/\.js$/, '.ts'))));
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true));
  return found;
}

/** A module's stage: its folder's place in STAGES; the root comes after them all. */
function stageOf(path: string): number {
  const folder = path.includes('/') ? path.slice(0, path.indexOf('/')) : undefined;
  return folder === undefined ? STAGES.length : STAGES.indexOf(folder);
}

/** Each import that reaches a later stage than the importing module's own, said in a line. */
export function backwardImports(sources: Map<string, string>): string[] {
  const found: string[] = [];
  for (const [path, text] of sources) {
    if (stageOf(path) === -1) {
      found.push(`${path} is in no stage (${STAGES.join(', ')}, or the root)`);
      continue;
    }
    for (const target of importsOf(path, text)) {
      if (stageOf(target) > stageOf(path)) found.push(`${path} imports ${target}, a later stage`);
    }
  }
  return found;
}

const sources = new Map(
  files(SRC)
    .filter((path) => path.endsWith('.ts'))
    .map((path) => [path, readFileSync(join(SRC, path), 'utf8')]),
);

describe('the stages of src/', () => {
  it('are the folders of src/, and no module imports from a later stage than its own', () => {
    const folders = new Set(
      [...sources.keys()].filter((path) => path.includes('/')).map((path) => path.slice(0, path.indexOf('/'))),
    );
    expect([...folders].sort()).toEqual([...STAGES].sort());
    expect(backwardImports(sources)).toEqual([]);
  });

  it('the rule catches an import of a later stage, of the root, or from outside the stages', () => {
    const fixture = new Map([
      ['http/server.ts', "import type { Outbox } from '../delivery/outbox.js';"],
      ['delivery/outbox.ts', "import { read } from '../http/body.js';\nexport type Outbox = {};"],
      ['workbench/page.ts', "export const start = () => import('../gateway.js');"],
      ['engine/verdict.ts', "export type Page = import('../workbench/page.js').Page;"],
      ['gateway.ts', "export { start } from './workbench/page.js';\nimport './http/server.js';"],
      ['extras/tool.ts', "import { clock } from '../common/clock.js';"],
      ['control/client.ts', "import type { Delivery } from '../workbench/delivery-journal.js';"],
    ]);
    expect(backwardImports(fixture)).toEqual([
      'http/server.ts imports delivery/outbox.ts, a later stage',
      'workbench/page.ts imports gateway.ts, a later stage',
      'engine/verdict.ts imports workbench/page.ts, a later stage',
      'extras/tool.ts is in no stage (control, common, http, engine, commands, delivery, workbench, or the root)',
      'control/client.ts imports workbench/delivery-journal.ts, a later stage',
    ]);
  });
});

it('every module in src/ has its test at the same place in test/, and every test there names a module', () => {
  const modules = [...sources.keys()]
    .filter((path) => !path.endsWith('.d.ts') && !DECLARATIONS.includes(path))
    .map((path) => path.slice(0, -'.ts'.length))
    .sort();
  const tests = files(TEST, SUITES)
    .filter((path) => path !== 'layout.test.ts')
    .map((path) => path.replace(/\.test\.ts$/, ''))
    .sort();
  expect(tests).toEqual(modules);
});
