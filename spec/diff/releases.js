// The released contracts: one bundled spec per released version in spec/releases/, named
// `<info.version>.json`. The newest is the baseline the breaking-change gate compares with.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadBundledSpec } from '../index.js';

export const releasesDir = fileURLToPath(new URL('../releases/', import.meta.url));

const parts = (version) => version.split('.').map((part) => Number.parseInt(part, 10));
const newerFirst = (a, b) => {
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (y[i] ?? 0) - (x[i] ?? 0);
  }
  return 0;
};

/** The released versions, newest first. */
export function releasedVersions(dir = releasesDir) {
  return readdirSync(dir)
    .filter((file) => /^\d+\.\d+\.\d+\.json$/.test(file))
    .map((file) => file.replace(/\.json$/, ''))
    .sort(newerFirst);
}

/** The newest released contract. */
export function latestRelease(dir = releasesDir) {
  const [version] = releasedVersions(dir);
  if (version === undefined) throw new Error(`no released contract in ${dir}`);
  return { version, spec: loadBundledSpec(`${dir}/${version}.json`) };
}
