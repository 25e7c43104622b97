import { describe, expect, it } from 'vitest';
import { dereference, listOperations, type OpenApiDocument } from '../src/openapi-document.js';
import { loadBundledSpec } from './support/bundled-spec.js';

const document: OpenApiDocument = {
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths: { '/a': { get: { operationId: 'getA' }, post: { operationId: 'postA' } } },
  webhooks: { 'thing.done': { post: { operationId: 'thingDone' } } },
  components: {
    schemas: { A: { $ref: '#/components/schemas/B' }, B: { type: 'string' }, 'a/b': { type: 'integer' }, Loop: { $ref: '#/components/schemas/Loop' } },
  },
};

describe('listOperations', () => {
  it('lists the paths’ operations, then the webhooks’', () => {
    expect(listOperations(document).map(({ kind, name, method, operation }) => [kind, name, method, operation.operationId])).toEqual([
      ['path', '/a', 'get', 'getA'],
      ['path', '/a', 'post', 'postA'],
      ['webhook', 'thing.done', 'post', 'thingDone'],
    ]);
  });

  it('finds the three commands and three webhooks in the bundled spec', () => {
    const entries = listOperations(loadBundledSpec());
    expect(entries.filter((entry) => entry.kind === 'path')).toHaveLength(3);
    expect(entries.filter((entry) => entry.kind === 'webhook').map((entry) => entry.name)).toEqual(['command.result', 'call.answered', 'call.hangup']);
  });
});

describe('dereference', () => {
  it.each<[string, { given: unknown; want: unknown }]>([
    ['a value that is no reference', { given: { type: 'boolean' }, want: { type: 'boolean' } }],
    ['a reference to a reference', { given: { $ref: '#/components/schemas/A' }, want: { type: 'string' } }],
    ['an escaped "/" in a pointer', { given: { $ref: '#/components/schemas/a~1b' }, want: { type: 'integer' } }],
  ])('follows %s', (_, { given, want }) => {
    expect(dereference(document, given)).toEqual(want);
  });

  it.each<[string, { given: string; want: RegExp }]>([
    ['a reference out of the document', { given: 'other.yaml#/A', want: /only local references/ } ],
    ['a pointer to nothing', { given: '#/components/schemas/Missing', want: /no such place in the document/ }],
    ['a loop', { given: '#/components/schemas/Loop', want: /circular reference/ }],
  ])('refuses %s', (_, { given, want }) => {
    expect(() => dereference(document, { $ref: given })).toThrow(want);
  });
});
