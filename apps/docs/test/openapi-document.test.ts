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
