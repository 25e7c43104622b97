// The spec's own schemas as validators, and the whole-delivery check built on them.
import { describe, expect, it } from 'vitest';
import { createSpecValidator, createWebhookDeliveryChecker } from '../validator.js';
import { loadBundledSpec } from '../index.js';

const spec = loadBundledSpec();
const check = createWebhookDeliveryChecker(spec);
const example = spec.components.examples.CommandResultSucceeded.value;
const headers = {
  'webhook-id': example.id,
  'webhook-timestamp': '1764000000',
  'webhook-signature': 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=',
};

describe('createSpecValidator', () => {
  it('compiles the schema at a pointer, and says when there is none', () => {
    const { validatorFor } = createSpecValidator(spec);
    expect(validatorFor('#/components/schemas/CommandUid')('a.b-c_1')).toBe(true);
    expect(validatorFor('#/components/schemas/CommandUid')('a b')).toBe(false);
    expect(() => validatorFor('#/components/schemas/Nope')).toThrow(
      'no schema at #/components/schemas/Nope in the spec',
    );
  });
});

describe('createWebhookDeliveryChecker', () => {
  it('passes every example webhook of the spec with well-formed headers', () => {
    for (const [name, item] of Object.entries<{
      post: { requestBody: { content: { 'application/json': { examples: Record<string, { $ref: string }> } } } };
    }>(spec.webhooks)) {
      for (const { $ref } of Object.values(item.post.requestBody.content['application/json'].examples)) {
        const event = spec.components.examples[$ref.split('/').pop()!].value;
        expect(check({ ...headers, 'webhook-id': event.id }, JSON.stringify(event)), `${name} ${$ref}`).toEqual([]);
      }
    }
  });

  it.each<[string, { headers?: Record<string, string | undefined>; body?: string; want: RegExp }]>([
    [
      'a timestamp that is not Unix seconds',
      { headers: { ...headers, 'webhook-timestamp': 'yesterday' }, want: /^header webhook-timestamp: / },
    ],
    [
      'no signature header',
      { headers: { ...headers, 'webhook-signature': undefined }, want: /^header webhook-signature: / },
    ],
    [
      'a body that breaks its schema',
      {
        body: JSON.stringify({ ...example, data: { ...example.data, status: 'maybe' } }),
        want: /^command\.result body: \/data\/status /,
      },
    ],
    [
      'an unknown event type',
      {
        body: JSON.stringify({ ...example, type: 'call.parked' }),
        want: /^a delivery of unknown type "call\.parked"$/,
      },
    ],
    ['a body that is not JSON', { body: '{nope', want: /^a delivery that is not JSON: \{nope$/ }],
  ])('reports %s', (_name, { headers: given = headers, body = JSON.stringify(example), want }) => {
    const violations = check(given, body);
    expect(violations.length).toBeGreaterThan(0);
    expect(violations[0]).toMatch(want);
  });
});
