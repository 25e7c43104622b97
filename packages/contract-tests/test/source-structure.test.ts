// The repository's structure rules, read from the sources with the TypeScript compiler: no
// hand-written source file over 250 lines, no function over 60 lines of its own (closures
// nested in it counted apart) or 150 in all, and no import cycle among a package's modules
// (type-only imports included).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const LIMITS = { fileLines: 250, ownLines: 60, totalLines: 150 };

/** Every hand-written TypeScript source of a package: `src/**`, generated files excepted. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : sources(path);
    return /\.ts$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const packages = ['apps', 'packages'].flatMap((group) =>
  readdirSync(join(root, group))
    .map((name) => join(root, group, name, 'src'))
    .filter((src) => statSync(src, { throwIfNoEntry: false })?.isDirectory()),
);
const files = packages.flatMap((src) => sources(src).map((file) => ({ src, file, text: readFileSync(file, 'utf8') })));
const parsed = files.map((entry) => ({
  ...entry,
  source: ts.createSourceFile(entry.file, entry.text, ts.ScriptTarget.Latest, true),
}));
const where = (file: string) => relative(root, file);

interface FunctionSize {
  name: string;
  own: number;
  total: number;
}

/** Each function's lines in all and of its own (its total less that of the functions nested directly in it). */
function functionSizes(source: ts.SourceFile): FunctionSize[] {
  const sizes: FunctionSize[] = [];
  const lineOf = (position: number) => source.getLineAndCharacterOfPosition(position).line;
  const visit = (node: ts.Node): number => {
    // Returns the lines of the functions found at this level (for the parent's own count).
    if (ts.isFunctionLike(node) && 'body' in node && node.body !== undefined) {
      const total = lineOf(node.getEnd()) - lineOf(node.getStart(source)) + 1;
      let nested = 0;
      // (forEachChild stops at a callback that returns a truthy value: return nothing.)
      node.forEachChild((child) => {
        nested += visit(child);
      });
      const name =
        ts.getNameOfDeclaration(node as ts.Declaration)?.getText(source) ??
        `(anonymous at line ${lineOf(node.getStart(source)) + 1})`;
      sizes.push({ name, own: total - nested, total });
      return total;
    }
    let nested = 0;
    node.forEachChild((child) => {
      nested += visit(child);
    });
    return nested;
  };
  visit(source);
  return sizes;
}

/** The relative modules a file imports or re-exports, type-only ones included. */
function importsOf(source: ts.SourceFile): string[] {
  const found: string[] = [];
  for (const statement of source.statements) {
    const specifier =
      ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement) ? statement.moduleSpecifier : undefined;
    if (specifier && ts.isStringLiteral(specifier) && specifier.text.startsWith('.')) {
      found.push(resolve(dirname(source.fileName), specifier.text.replace(/\.js$/, '.ts')));
    }
  }
  return found;
}

function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'visiting');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'visiting') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}

describe('source structure', () => {
  it('finds the sources it checks', () => {
    expect(packages.map((src) => where(src)).sort()).toEqual([
      'apps/docs/src',
      'apps/mock-gateway/src',
      'packages/client/src',
      'packages/conformance/src',
      'packages/types/src',
      'packages/webhooks/src',
    ]);
    expect(files.length).toBeGreaterThan(40);
  });

  it(`no hand-written source file is over ${LIMITS.fileLines} lines`, () => {
    const long = files
      .map(({ file, text }) => [where(file), text.trimEnd().split('\n').length] as const)
      .filter(([, lines]) => lines > LIMITS.fileLines);
    expect(long).toEqual([]);
  });

  it(`no function has over ${LIMITS.ownLines} lines of its own, or ${LIMITS.totalLines} in all`, () => {
    const over = parsed.flatMap(({ file, source }) =>
      functionSizes(source)
        .filter(({ own, total }) => own > LIMITS.ownLines || total > LIMITS.totalLines)
        .map(({ name, own, total }) => `${where(file)}: ${name} (${own} own, ${total} in all)`),
    );
    expect(over).toEqual([]);
  });

  it('no package has an import cycle among its modules, type-only imports included', () => {
    const graph = new Map(parsed.map(({ file, source }) => [file, importsOf(source)]));
    expect(cycles(graph).map((cycle) => cycle.map(where).join(' → '))).toEqual([]);
  });
});

describe('the checks themselves', () => {
  const sourceOf = (text: string) => ts.createSourceFile('/x/src/a.ts', text, ts.ScriptTarget.Latest, true);

  it('counts a closure apart from the function it is nested in', () => {
    const text = [
      'function outer() {',
      '  const a = 1;',
      '  const inner = () => {',
      '    return a;',
      '  };',
      '  [1].map((n) => n);',
      '  return inner;',
      '}',
    ].join('\n');
    expect(functionSizes(sourceOf(text))).toEqual([
      { name: 'inner', own: 3, total: 3 },
      { name: '(anonymous at line 6)', own: 1, total: 1 },
      { name: 'outer', own: 4, total: 8 },
    ]);
  });

  it('sees a cycle through a type-only import', () => {
    const a = sourceOf("import type { B } from './b.js';\nexport type A = B;");
    const b = ts.createSourceFile(
      '/x/src/b.ts',
      "export { type A } from './a.js';\nexport type B = 1;",
      ts.ScriptTarget.Latest,
      true,
    );
    const graph = new Map([
      ['/x/src/a.ts', importsOf(a)],
      ['/x/src/b.ts', importsOf(b)],
    ]);
    expect(cycles(graph)).toEqual([['/x/src/a.ts', '/x/src/b.ts', '/x/src/a.ts']]);
  });
});
