// The contract's changelog, release by release: each release in releases/ compared with the
// one before it, and the working tree's bundle with the newest release (the changes not yet
// released), classified by the same rules as the breaking-change gate. `pnpm build` writes it
// to dist/changelog.json (exported as `@call-control/spec/changelog.json`); the docs render it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareSpecs } from './compare-specs.js';
import { releasedVersions, releasesDir } from './releases.js';

/**
 * @typedef {{ breaking: boolean, subject: string, where: string, message: string }} ChangelogChange
 * @typedef {{ version: string, previous: string | null, changes: ChangelogChange[] }} ChangelogRelease
 * @typedef {{ version: string, unreleased: ChangelogChange[], releases: ChangelogRelease[] }} ContractChangelog
 */

/** @returns {ContractChangelog} `releases` newest first; the first release has no `previous`. */
export function contractChangelog(current, dir = releasesDir) {
  const versions = releasedVersions(dir);
  if (versions.length === 0) throw new Error(`no released contract in ${dir}`);
  const load = (version) => JSON.parse(readFileSync(join(dir, `${version}.json`), 'utf8'));
  const entries = (changes) =>
    changes.map(({ breaking, subject, where, message }) => ({ breaking, subject, where, message }));
  const releases = versions.map((version, i) => {
    const previous = versions[i + 1] ?? null;
    return {
      version,
      previous,
      changes: previous === null ? [] : entries(compareSpecs(load(previous), load(version))),
    };
  });
  return { version: current.info.version, unreleased: entries(compareSpecs(load(versions[0]), current)), releases };
}
