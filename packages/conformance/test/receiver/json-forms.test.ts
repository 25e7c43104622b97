import { loadBundledSpec } from '@call-control/spec';
import { expect, it } from 'vitest';
import { NON_CANONICAL_FORMS } from '../../src/receiver/json-forms.js';

const examples = Object.values(loadBundledSpec().components.examples).map(
  (example: ReturnType<typeof loadBundledSpec>) => example.value,
);
const value = {
  id: 'evt_1',
  type: 'call.hangup',
  nested: { list: [1, 'two', null, true, {}], emoji: '😀 ok', empty: '' },
  none: [],
};

it.each(Object.entries(NON_CANONICAL_FORMS))(
  '%s: the same value, in bytes JSON.stringify would not give',
  (_form, write) => {
    for (const example of [value, ...examples]) {
      const text = write(example);
      expect(JSON.parse(text)).toEqual(example);
      if (Object.keys(example).length > 1) expect(text).not.toBe(JSON.stringify(example));
    }
  },
);

it('writes other whitespace: tabs, CRLF, spaces around colons, a trailing newline', () => {
  expect(NON_CANONICAL_FORMS.whitespace!({ a: [1] })).toBe('{\r\n\t"a" : [\r\n\t\t1\r\n\t]\r\n}\r\n');
});

it('escapes the first character of every string, both halves of a surrogate pair', () => {
  expect(NON_CANONICAL_FORMS['unicode-escapes']!({ ab: '😀x' })).toBe('{"\\u0061b":"\\ud83d\\ude00x"}');
});

it('writes members in the reverse order, at every level', () => {
  expect(NON_CANONICAL_FORMS['member-order']!({ a: 1, b: { c: 2, d: 3 } })).toBe('{"b":{"d":3,"c":2},"a":1}');
});
