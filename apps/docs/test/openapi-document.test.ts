import { describe, expect, it } from 'vitest';
import { listOperations, type OpenApiDocument } from '../src/openapi-document.js';
import { loadBundledSpec } from './support/bundled-spec.js';

const document: OpenApiDocument = {
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths: { '/a': { get: { operationId: 'getA' }, post: { operationId: 'postA' } } },
  webhooks: { 'thing.done': { post: { operationId: 'thingDone' } } },
  components: {
    schemas: { A: { $ref: '#/components/schemas/B' }, B: { type: 'string' } },
  },
};

describe('listOperations', () => {
  it('lists the paths’ operations, then the webhooks’', () => {
    expect(
      listOperations(document).map(({ kind, name, method, operation }) => [kind, name, method, operation.operationId]),
    ).toEqual([
      ['path', '/a', 'get', 'getA'],
      ['path', '/a', 'post', 'postA'],
      ['webhook', 'thing.done', 'post', 'thingDone'],
    ]);
  });

  it('finds every command and every webhook of the bundled spec', () => {
    const spec = loadBundledSpec();
    const entries = listOperations(spec);
    expect(entries.filter((entry) => entry.kind === 'path').map((entry) => entry.name)).toEqual(
      Object.keys(spec.paths ?? {}),
    );
    expect(entries.filter((entry) => entry.kind === 'webhook').map((entry) => entry.name)).toEqual(
      Object.keys(spec.webhooks ?? {}),
    );
    expect(entries).toHaveLength(Object.keys(spec.paths ?? {}).length + Object.keys(spec.webhooks ?? {}).length);
  });
});
