// The working tree's contract against the newest released one (spec/releases/): a breaking
// change fails unless info.version's major part was raised. `pnpm spec:diff` prints the same
// changes as a changelog.
import { expect, it } from 'vitest';
import { breakingChangeGate } from '../diff/gate.js';
import { latestRelease } from '../diff/releases.js';
import { loadBundledSpec } from './support/bundled-spec.js';

it('the contract is compatible with the released one, or its major version was raised', () => {
  const { spec: released } = latestRelease();
  const { passed, report } = breakingChangeGate(released, loadBundledSpec());
  if (!passed) expect.fail(report);
});
