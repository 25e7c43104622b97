// The changesets waiting in the repository's .changeset/ folder (written by `pnpm changeset`,
// read by changesets' own reader): a breaking contract change is allowed once one of them
// makes a major release of @call-control/spec.
import readChangesets from '@changesets/read';
import { fileURLToPath } from 'node:url';

export const SPEC_PACKAGE = '@call-control/spec';
const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
const RANK = { none: 0, patch: 1, minor: 2, major: 3 };

/**
 * The largest bump the pending changesets ask for `packageName`: `major`, `minor`, `patch`,
 * or `none` when no changeset names it.
 */
export async function pendingBump(packageName = SPEC_PACKAGE, rootDir = repositoryRoot) {
  let bump = 'none';
  for (const { releases } of await readChangesets(rootDir)) {
    for (const { name, type } of releases) {
      if (name === packageName && RANK[type] > RANK[bump]) bump = type;
    }
  }
  return bump;
}
