// The working tree's contract against the newest released one (spec/releases/): a breaking
// change fails unless a pending changeset makes a major release of @call-control/spec (or
// info.version's major part was raised). `pnpm spec:diff` prints the same changes.
import { expect, it } from 'vitest';
import { breakingChangeGate } from '../diff/gate.js';
import { pendingBump } from '../diff/pending-changesets.js';
import { latestRelease } from '../diff/releases.js';
import { loadBundledSpec } from './support/bundled-spec.js';

it('the contract is compatible with the released one, or goes out in a major release', async () => {
  const { spec: released } = latestRelease();
  const { passed, report } = breakingChangeGate(released, loadBundledSpec(), { pendingBump: await pendingBump() });
  if (!passed) expect.fail(report);
});
