// The bump pending changesets ask for a package, read from real .changeset/ folders.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { pendingBump } from './pending-changesets.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A repository root whose .changeset/ holds one changeset per entry (package → bump). */
function repositoryWith(changesets: Record<string, string>[]): string {
  const root = mkdtempSync(join(tmpdir(), 'changesets-'));
  roots.push(root);
  mkdirSync(join(root, '.changeset'));
  writeFileSync(join(root, '.changeset', 'README.md'), '# not a changeset\n');
  changesets.forEach((releases, i) => {
    const header = Object.entries(releases)
      .map(([name, bump]) => `"${name}": ${bump}`)
      .join('\n');
    writeFileSync(join(root, '.changeset', `change-${i}.md`), `---\n${header}\n---\n\nA change.\n`);
  });
  return root;
}

it.each<[string, Record<string, string>[], string]>([
  ['no changeset', [], 'none'],
  ['changesets for other packages only', [{ '@call-control/client': 'major' }], 'none'],
  ['a minor one', [{ '@call-control/spec': 'minor', '@call-control/types': 'minor' }], 'minor'],
  [
    'the largest of several',
    [{ '@call-control/spec': 'patch' }, { '@call-control/spec': 'major' }, { '@call-control/spec': 'minor' }],
    'major',
  ],
])('%s → %s', async (_name, changesets, want) => {
  expect(await pendingBump('@call-control/spec', repositoryWith(changesets))).toBe(want);
});
