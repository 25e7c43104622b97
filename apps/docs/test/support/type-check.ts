// Type-checks TypeScript sources the way a user's project would compile them: written out as
// .ts files inside this package (so `@call-control/client` resolves as it would for a
// dependent), compiled by the real TypeScript with the repository's settings.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { repoRoot } from './bundled-spec.js';

/** Writes `files` (name → source) into `dir` (emptied first); returns tsc's diagnostics as text. */
export function typeCheck(files: Record<string, string>, dir: string): string[] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const paths = Object.entries(files).map(([name, source]) => {
    const path = join(dir, name);
    writeFileSync(path, source);
    return path;
  });

  const base = ts.readConfigFile(join(repoRoot, 'tsconfig.base.json'), ts.sys.readFile);
  if (base.error) throw new Error(ts.flattenDiagnosticMessageText(base.error.messageText, '\n'));
  const { options } = ts.parseJsonConfigFileContent(base.config, ts.sys, repoRoot);
  const program = ts.createProgram(paths, {
    ...options,
    noEmit: true,
    declaration: false,
    declarationMap: false,
    sourceMap: false,
    types: [],
  });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (diagnostic.file === undefined || diagnostic.start === undefined) return message;
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `${relative(dir, diagnostic.file.fileName)}:${line + 1}:${character + 1} ${message}`;
  });
}
