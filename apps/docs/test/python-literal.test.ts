import { expect, it } from 'vitest';
import { isPythonIdentifier, pythonLiteral } from '../src/python-literal.js';

it.each<[string, unknown, string]>([
  ['constants', [null, true, false, 1.5], '[None, True, False, 1.5]'],
  ['a dict', { a: 'x"y', b: {} }, '{"a": "x\\"y", "b": {}}'],
  ['unicode', 'é\n', '"é\\n"'],
])('writes %s as Python', (_, value, want) => {
  expect(pythonLiteral(value)).toBe(want);
});

it('writes a dict one entry a line when asked', () => {
  expect(pythonLiteral({ a: 1, b: [2] }, '    ')).toBe('{\n        "a": 1,\n        "b": [2],\n    }');
});

it.each([
  ['uuid', true],
  ['session_uuid', true],
  ['class', false],
  ['2x', false],
  ['a-b', false],
])('%s is a Python name: %s', (name, want) => {
  expect(isPythonIdentifier(name)).toBe(want);
});
