// The one JSON Pointer implementation (RFC 6901) every package uses to name places in the spec
// and in requests, and to follow the bundle's `$ref`s.
import { describe, expect, it } from 'vitest';
import { dereference, escapePointerToken, formatPointer, parsePointer, resolvePointer } from '../json-pointer.js';
import { loadBundledSpec } from '../index.js';

const document = {
  components: {
    schemas: {
      A: { $ref: '#/components/schemas/B' },
      B: { type: 'string' },
      'a/b': { type: 'integer' },
      'x~y': { type: 'null' },
      Loop: { $ref: '#/components/schemas/Loop' },
    },
  },
  paths: { '/v1/{uuid}': { post: { operationId: 'go' } } },
  list: ['zero', 'one'],
};

describe('escapePointerToken / formatPointer', () => {
  it.each<[string, { given: (string | number)[]; want: string }]>([
    ['no tokens: the whole value', { given: [], want: '' }],
    ['plain tokens', { given: ['a', 'b'], want: '/a/b' }],
    ['"/" and "~", "~" first', { given: ['a/b~c', '~1'], want: '/a~1b~0c/~01' }],
    ['an array index', { given: ['list', 0], want: '/list/0' }],
  ])('%s', (_, { given, want }) => {
    expect(formatPointer(given)).toBe(want);
    expect(parsePointer(want)).toEqual(given.map(String));
  });

  it('escapes one token', () => expect(escapePointerToken('application/json')).toBe('application~1json'));
});

describe('parsePointer', () => {
  it.each<[string, { given: string; want: string[] }]>([
    ['JSON text', { given: '/a~1b/c', want: ['a/b', 'c'] }],
    ['a URI fragment, percent-decoded', { given: '#/paths/~1v1~1%7Buuid%7D', want: ['paths', '/v1/{uuid}'] }],
    ['the root as a fragment', { given: '#', want: [] }],
    ['an empty token', { given: '/', want: [''] }],
  ])('reads %s', (_, { given, want }) => expect(parsePointer(given)).toEqual(want));

  it('refuses text that is no pointer', () => expect(() => parsePointer('a/b')).toThrow(/not a JSON Pointer: a\/b/));
});

describe('resolvePointer', () => {
  it.each<[string, { given: string; want: unknown }]>([
    ['a schema', { given: '#/components/schemas/B', want: { type: 'string' } }],
    ['an escaped "/"', { given: '/components/schemas/a~1b', want: { type: 'integer' } }],
    ['an escaped "~"', { given: '/components/schemas/x~0y', want: { type: 'null' } }],
    ['an array item', { given: '/list/1', want: 'one' }],
    ['a templated path', { given: '#/paths/~1v1~1%7Buuid%7D/post', want: { operationId: 'go' } }],
  ])('finds %s', (_, { given, want }) => expect(resolvePointer(document, given)).toEqual(want));

  it.each([
    ['#/components/schemas/Missing'],
    ['/list/7'],
    ['/components/schemas/B/type/length'],
    ['/components/constructor'],
  ])('says the document has nothing at %s', (pointer) =>
    expect(() => resolvePointer(document, pointer)).toThrow(`the document has nothing at ${pointer}`),
  );
});

describe('dereference', () => {
  it.each<[string, { given: unknown; want: unknown }]>([
    ['a value that is no reference', { given: { type: 'boolean' }, want: { type: 'boolean' } }],
    ['a reference to a reference', { given: { $ref: '#/components/schemas/A' }, want: { type: 'string' } }],
    ['an escaped "/" in a reference', { given: { $ref: '#/components/schemas/a~1b' }, want: { type: 'integer' } }],
  ])('follows %s', (_, { given, want }) => expect(dereference(document, given)).toEqual(want));

  it.each<[string, { given: string; want: RegExp }]>([
    ['a reference out of the document', { given: 'other.yaml#/A', want: /only local references/ }],
    [
      'a reference to nothing',
      { given: '#/components/schemas/Missing', want: /nothing at #\/components\/schemas\/Missing/ },
    ],
    ['a loop', { given: '#/components/schemas/Loop', want: /circular reference/ }],
  ])('refuses %s', (_, { given, want }) => expect(() => dereference(document, { $ref: given })).toThrow(want));

  it('resolves every $ref of the bundled spec', () => {
    const spec = loadBundledSpec();
    const refs: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node !== null && typeof node === 'object') {
        const { $ref } = node as { $ref?: unknown };
        if (typeof $ref === 'string') refs.push($ref);
        Object.values(node).forEach(walk);
      }
    };
    walk(spec);
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of refs) expect(dereference(spec, { $ref: ref }), ref).toBeDefined();
  });
});

describe('loadBundledSpec', () => {
  it('parses the bundle anew each time, so no reader shares (or changes) another one’s object', () => {
    const first = loadBundledSpec();
    const second = loadBundledSpec();
    expect(first).toEqual(second);
    expect(first).not.toBe(second);
    expect(first.openapi).toBe('3.1.0');
  });

  it('says how to build a bundle that is missing', () => {
    expect(() => loadBundledSpec('/nonexistent/openapi.json')).toThrow(
      '/nonexistent/openapi.json is missing: build the spec first (`pnpm build`)',
    );
  });
});
