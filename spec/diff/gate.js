// The breaking-change gate: a breaking difference from the released contract is allowed only
// when the release it will go out in is a major one — a pending major changeset for
// @call-control/spec, or (once `pnpm version-packages` has applied it) a raised major part of
// `info.version`.
import { renderChangelog } from './changelog.js';
import { compareSpecs, majorOf } from './compare-specs.js';
import { SPEC_PACKAGE } from './pending-changesets.js';

/**
 * @param {{ pendingBump?: 'major' | 'minor' | 'patch' | 'none' }} [options] the bump the
 *   pending changesets ask for @call-control/spec
 * @returns {{ passed: boolean, changes: import('./compare-specs.js').SpecChange[], report: string }}
 */
export function breakingChangeGate(base, revision, { pendingBump = 'none' } = {}) {
  const changes = compareSpecs(base, revision);
  const breaking = changes.filter((change) => change.breaking);
  const baseVersion = base.info.version;
  const revisionVersion = revision.info.version;
  const changelog = renderChangelog(changes, { baseVersion, revisionVersion });
  if (breaking.length === 0 || pendingBump === 'major' || majorOf(revisionVersion) > majorOf(baseVersion)) {
    return { passed: true, changes, report: changelog };
  }
  return {
    passed: false,
    changes,
    report:
      `${breaking.length} breaking change(s) against the released contract ${baseVersion}, and no major ` +
      `changeset for ${SPEC_PACKAGE}. Either undo the change, or record it as a major release: run ` +
      `\`pnpm changeset\`, select ${SPEC_PACKAGE} (and every package whose API it breaks, such as ` +
      `@call-control/types), choose "major" and say what breaks for clients and receivers; ` +
      `\`pnpm version-packages\` then raises the version and info.version together.\n\n${changelog}`,
  };
}
