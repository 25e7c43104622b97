import { expect, it } from 'vitest';
import { slugOf, splitGuide } from '../src/guide-sections.js';

it('cuts an introduction into its opening and its sections, headings in code left alone', () => {
  const guide = splitGuide(
    'Opening.\n\n## Deferred results\nText.\n```md\n## not a heading\n```\n\n## Rate limits\nMore.\n',
  );
  expect(guide.opening).toBe('Opening.');
  expect(guide.sections).toEqual([
    { title: 'Deferred results', slug: 'deferred-results', body: 'Text.\n```md\n## not a heading\n```' },
    { title: 'Rate limits', slug: 'rate-limits', body: 'More.' },
  ]);
});

it.each([
  ['Call flows', 'call-flows'],
  ['Chaos, for receivers', 'chaos-for-receivers'],
  ['Install', 'install'],
])('slugs %s as Redoc does (%s)', (title, slug) => {
  expect(slugOf(title)).toBe(slug);
});

it('has no sections when there is no heading', () => {
  expect(splitGuide(undefined)).toEqual({ opening: '', sections: [] });
});
