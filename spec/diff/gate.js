// The breaking-change gate: a breaking difference from the released contract is allowed only
// when `info.version`'s major part was raised.
import { renderChangelog } from './changelog.js';
import { compareSpecs, majorOf } from './compare-specs.js';

/** @returns {{ passed: boolean, changes: import('./compare-specs.js').SpecChange[], report: string }} */
export function breakingChangeGate(base, revision) {
  const changes = compareSpecs(base, revision);
  const breaking = changes.filter((change) => change.breaking);
  const baseVersion = base.info.version;
  const revisionVersion = revision.info.version;
  const changelog = renderChangelog(changes, { baseVersion, revisionVersion });
  if (breaking.length === 0 || majorOf(revisionVersion) > majorOf(baseVersion)) {
    return { passed: true, changes, report: changelog };
  }
  return {
    passed: false,
    changes,
    report:
      `${breaking.length} breaking change(s) against the released contract ${baseVersion}, ` +
      `but info.version is ${revisionVersion}: raise its major part in spec/openapi.yaml, ` +
      `or undo the change.\n\n${changelog}`,
  };
}
