// The repository stands alone: no tracked file cites a document that is not in it (the design
// notes it was started from, the seed folder the source document came from, the tracker's
// issues) or a path outside it. What the repository needs from elsewhere lives in it
// (spec/source/, docs/adr/): a decision says what was decided and why, not which issue asked.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { specDir } from './support/redocly.js';

const root = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: specDir, encoding: 'utf8' }).trim();
const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
/** Every tracked text file (a file with a NUL byte is binary), with its text. */
const files = tracked
  .map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }))
  .filter(({ text }) => !text.includes('\0'));

// Spelled in pieces so that this file does not cite them itself.
const OUTSIDE_DOCUMENTS = new RegExp(['DESIGN', '\\.md|shared/', 'seed'].join(''), 'i');
const ISSUE_NUMBERS = new RegExp(['\\biss', 'ues? *#?\\d+\\b|\\btic', 'kets? *#?\\d+\\b'].join(''), 'i');
const MACHINE_PATHS = new RegExp(['/w', 'ork/|/ho', 'me/|/Us', 'ers/|/ro', 'ot/|\\b[A-Z]:\\\\\\\\'].join(''));
const RELATIVE_PATH = /(?:\.\.\/){2,}[\w.{}@-]*/g;
// pnpm-lock.yaml writes each link relative to its importer's folder, not to the file's own.
const RELATIVE_TO_IMPORTER = new Set(['pnpm-lock.yaml']);

/** Each line of `text` matching `pattern`, as `path:line: text`. */
function hits(path: string, text: string, pattern: RegExp): string[] {
  return text
    .split('\n')
    .flatMap((line, i) => (pattern.test(line) ? [`${path}:${i + 1}: ${line.trim().slice(0, 120)}`] : []));
}

/** Each relative path in a file that, resolved from the file's folder, leaves the repository. */
function pathsLeavingTheRepository(path: string, text: string): string[] {
  if (RELATIVE_TO_IMPORTER.has(path)) return [];
  return [...text.matchAll(RELATIVE_PATH)]
    .map(([match]) => match)
    .filter((match) => {
      const target = relative(root, resolve(root, dirname(path), match));
      return target === '..' || target.startsWith(`..${sep}`);
    })
    .map((match) => `${path}: ${match}`);
}

describe('the repository stands alone', () => {
  it('reads the tracked files', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.map(({ path }) => path)).toContain('spec/source/call-control.original.txt');
  });

  it('no tracked file cites a document outside the repository', () => {
    expect(files.flatMap(({ path, text }) => hits(path, text, OUTSIDE_DOCUMENTS))).toEqual([]);
  });

  it('no tracked file cites an issue by its number', () => {
    expect(files.flatMap(({ path, text }) => hits(path, text, ISSUE_NUMBERS))).toEqual([]);
  });

  it('no tracked file names a path on a particular machine', () => {
    expect(files.flatMap(({ path, text }) => hits(path, text, MACHINE_PATHS))).toEqual([]);
  });

  it('no relative path in a tracked file leads out of the repository', () => {
    expect(files.flatMap(({ path, text }) => pathsLeavingTheRepository(path, text))).toEqual([]);
  });

  // The lines are spelled in pieces, like the patterns, so that this file passes its own checks.
  it.each<[string, string, RegExp | 'relative', boolean]>([
    ['a citation of the design notes', ['see DESIGN', '.md §2'].join(''), OUTSIDE_DOCUMENTS, true],
    [
      'a citation of the seed folder',
      ['(shared/', 'seed/call-control.original.txt)'].join(''),
      OUTSIDE_DOCUMENTS,
      true,
    ],
    ['an issue number', ['(see iss', 'ue 13, items 9–12)'].join(''), ISSUE_NUMBERS, true],
    ['an issue number with a hash', ['fixed in iss', 'ue #7'].join(''), ISSUE_NUMBERS, true],
    ['the word issue without a number', 'what we chose where the issue left room', ISSUE_NUMBERS, false],
    ['a home directory', ["readFileSync('/ho", "me/me/spec.json')"].join(''), MACHINE_PATHS, true],
    [
      'a path in the repository',
      ["new URL('../../", "../spec/source/x.txt', import.meta.url)"].join(''),
      'relative',
      false,
    ],
    [
      'a path above the repository',
      ["new URL('../../", "../../elsewhere/x.txt', import.meta.url)"].join(''),
      'relative',
      true,
    ],
  ])('the checks catch %s', (_name, line, check, caught) => {
    const path = 'apps/mock-gateway/test/example.test.ts';
    const found = check === 'relative' ? pathsLeavingTheRepository(path, line) : hits(path, line, check);
    expect(found.length > 0).toBe(caught);
  });
});
