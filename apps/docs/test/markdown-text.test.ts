import { describe, expect, it } from 'vitest';
import {
  cell,
  demoteHeadings,
  fence,
  firstParagraph,
  firstSentence,
  rebaseLinks,
  table,
} from '../src/markdown-text.js';

describe('cells and tables', () => {
  it('puts a cell on one line with its pipes escaped', () => {
    expect(cell('a |\n  b ')).toBe('a \\| b');
    expect(table(['x', 'y'], [['1', 'a|b']])).toBe('| x | y |\n|---|---|\n| 1 | a\\|b |');
  });

  it('takes the first paragraph, and the first sentence', () => {
    expect(firstParagraph('One. Two\nlines.\n\nNext.')).toBe('One. Two lines.');
    expect(firstSentence('One `v1.x` thing. Two.')).toBe('One `v1.x` thing.');
    expect(firstSentence(undefined)).toBe('');
  });
});

describe('fence', () => {
  it.each([
    ['plain code', 'print(1)\n', '```python\nprint(1)\n```'],
    ['code with a fence inside', 'a\n```\nb', '````python\na\n```\nb\n````'],
  ])('%s', (_, code, want) => {
    expect(fence(code, 'python')).toBe(want);
  });
});

describe('demoteHeadings', () => {
  it('moves each heading down, not the lines of code, and stops at six', () => {
    expect(demoteHeadings('# A\n```sh\n# comment\n```\n##### B', 2)).toBe('### A\n```sh\n# comment\n```\n###### B');
  });
});

describe('rebaseLinks', () => {
  it.each([
    ['a relative link', '[f](call-flows.yaml)', '[f](../call-flows.yaml)'],
    ['an absolute URL', '[s](https://example.com/x)', '[s](https://example.com/x)'],
    ['an anchor', '[a](#top)', '[a](#top)'],
    ['a root path', '[r](/x.md)', '[r](/x.md)'],
    ['a link in code', '```\n[f](x)\n```', '```\n[f](x)\n```'],
  ])('%s', (_, markdown, want) => {
    expect(rebaseLinks(markdown, '../')).toBe(want);
  });
});
