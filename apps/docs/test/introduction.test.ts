import { expect, it } from 'vitest';
import { withIntroduction } from '../src/introduction.js';
import { loadBundledSpec } from './support/bundled-spec.js';

const spec = loadBundledSpec();
const sections = { install: '## Install\nnpm install x', changelog: '## Changelog\n**1.0.0**: the first release.' };
const description = (document: typeof spec) => document.info.description ?? '';

it('leaves out the summary, which Redoc would print above a description saying the same', () => {
  expect(spec.info.summary).toBeDefined();
  expect(withIntroduction(spec, sections).info).not.toHaveProperty('summary');
  expect(spec.info.summary).toBeDefined(); // the spec itself is not changed
});

it('puts Install after the opening paragraph and the Changelog last, keeping every section in order', () => {
  const text = description(withIntroduction(spec, sections));
  const headings = [...text.matchAll(/^## (.+)$/gm)].map(([, heading]) => heading);
  const original = [...description(spec).matchAll(/^## (.+)$/gm)].map(([, heading]) => heading);
  expect(headings).toEqual(['Install', ...original, 'Changelog']);
  const opening = description(spec).slice(0, description(spec).indexOf('\n## ')).trim();
  expect(text.startsWith(`${opening}\n\n## Install\nnpm install x\n\n## `)).toBe(true);
  expect(text.endsWith('\n\n## Changelog\n**1.0.0**: the first release.\n')).toBe(true);
});

it('handles a description without sections', () => {
  const plain = { ...spec, info: { ...spec.info, description: 'Just this.\n' } };
  expect(description(withIntroduction(plain, sections))).toBe(
    `Just this.\n\n${sections.install}\n\n${sections.changelog}\n`,
  );
});

it('puts the Conformance section after the spec’s own sections, before the Changelog', () => {
  const text = description(withIntroduction(spec, { ...sections, conformance: '## Conformance\nnpx x\n' }));
  const headings = [...text.matchAll(/^## (.+)$/gm)].map(([, heading]) => heading);
  const original = [...description(spec).matchAll(/^## (.+)$/gm)].map(([, heading]) => heading);
  expect(headings).toEqual(['Install', ...original, 'Conformance', 'Changelog']);
  expect(text).toContain('\n\n## Conformance\nnpx x\n\n## Changelog\n');
});
