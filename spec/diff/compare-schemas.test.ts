// One row per schema rule, in both directions: what breaks callers (requests) and what breaks
// readers (responses and webhook payloads).
import { describe, expect, it } from 'vitest';
import { compareSchemas } from './compare-schemas.js';

type Schema = Record<string, unknown>;
const deref = (schema: object) => schema;
const classify = (before: Schema, after: Schema, direction: 'request' | 'response') =>
  compareSchemas(before, after, { direction, deref }).map(({ breaking, where, message }) => ({
    breaking,
    where,
    message,
  }));

const object = (properties: Schema, required: string[] = [], extra: Schema = {}): Schema => ({
  type: 'object',
  properties,
  required,
  ...extra,
});
const text = (extra: Schema = {}): Schema => ({ type: 'string', ...extra });
const open = (known: string[]): Schema => text({ pattern: '^[a-z]+$', 'x-extensible-enum': known });

type Row = [rule: string, { before: Schema; after: Schema; request: boolean | 'none'; response: boolean | 'none' }];

// `request` / `response`: is the change breaking in that direction (`none`: no change found).
const rows: Row[] = [
  [
    'new required field',
    { before: object({ a: text() }), after: object({ a: text(), b: text() }, ['b']), request: true, response: false },
  ],
  [
    'new optional field',
    { before: object({ a: text() }), after: object({ a: text(), b: text() }), request: false, response: false },
  ],
  [
    'field removed (unknown fields allowed)',
    { before: object({ a: text(), b: text() }), after: object({ a: text() }), request: false, response: true },
  ],
  [
    'field removed (unknown fields rejected)',
    {
      before: object({ a: text(), b: text() }, [], { additionalProperties: false }),
      after: object({ a: text() }, [], { additionalProperties: false }),
      request: true,
      response: true,
    },
  ],
  [
    'field became required',
    { before: object({ a: text() }), after: object({ a: text() }, ['a']), request: true, response: false },
  ],
  [
    'field became optional',
    { before: object({ a: text() }, ['a']), after: object({ a: text() }), request: false, response: true },
  ],
  [
    'type changed',
    { before: object({ a: text() }), after: object({ a: { type: 'integer' } }), request: true, response: true },
  ],
  [
    'type widened (null allowed)',
    { before: text(), after: { type: ['string', 'null'] }, request: false, response: true },
  ],
  [
    'type narrowed (null no longer allowed)',
    { before: { type: ['string', 'null'] }, after: text(), request: true, response: false },
  ],
  [
    'maxLength lowered',
    { before: text({ maxLength: 128 }), after: text({ maxLength: 64 }), request: true, response: false },
  ],
  [
    'maxLength raised',
    { before: text({ maxLength: 64 }), after: text({ maxLength: 128 }), request: false, response: true },
  ],
  [
    'minimum raised',
    { before: { type: 'integer', minimum: 0 }, after: { type: 'integer', minimum: 1 }, request: true, response: false },
  ],
  [
    'maximum added',
    { before: { type: 'integer' }, after: { type: 'integer', maximum: 10 }, request: true, response: false },
  ],
  [
    'pattern changed',
    { before: text({ pattern: '^[A-Z_]+$' }), after: text({ pattern: '^[A-Z]+$' }), request: true, response: true },
  ],
  ['pattern added', { before: text(), after: text({ pattern: '^[A-Z]+$' }), request: true, response: false }],
  ['pattern removed', { before: text({ pattern: '^[A-Z]+$' }), after: text(), request: false, response: true }],
  [
    'a uuid format spelled out as its pattern (8-4-4-4-12 hex)',
    {
      before: text({ format: 'uuid' }),
      after: text({
        format: 'uuid',
        pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
      }),
      request: false,
      response: false,
    },
  ],
  [
    'a pattern narrower than the uuid format (lower case only)',
    {
      before: text({ format: 'uuid' }),
      after: text({ format: 'uuid', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' }),
      request: true,
      response: false,
    },
  ],
  [
    'the uuid pattern added together with the format',
    {
      before: text(),
      after: text({
        format: 'uuid',
        pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
      }),
      request: true,
      response: false,
    },
  ],
  [
    'format changed',
    { before: text({ format: 'uuid' }), after: text({ format: 'uri' }), request: true, response: true },
  ],
  [
    'enum value removed',
    { before: text({ enum: ['a', 'b'] }), after: text({ enum: ['a'] }), request: true, response: false },
  ],
  [
    'enum value added',
    { before: text({ enum: ['a'] }), after: text({ enum: ['a', 'b'] }), request: false, response: true },
  ],
  // Open sets (x-extensible-enum, ADR 0005): readers accept values they do not know.
  [
    'known value added to an open set',
    { before: open(['a']), after: open(['a', 'b']), request: false, response: false },
  ],
  [
    'known value removed from an open set',
    { before: open(['a', 'b']), after: open(['a']), request: true, response: false },
  ],
  [
    'enum opened (enum → x-extensible-enum)',
    { before: text({ enum: ['a'] }), after: text({ 'x-extensible-enum': ['a'] }), request: false, response: true },
  ],
  [
    'open set closed (x-extensible-enum → enum)',
    { before: text({ 'x-extensible-enum': ['a'] }), after: text({ enum: ['a'] }), request: true, response: false },
  ],
  [
    'const changed',
    { before: text({ const: 'call.hangup' }), after: text({ const: 'call.ended' }), request: true, response: true },
  ],
  [
    'unknown properties now rejected',
    { before: object({}), after: object({}, [], { additionalProperties: false }), request: true, response: false },
  ],
  [
    'nested field removed',
    {
      before: object({ data: object({ a: text(), b: text() }) }),
      after: object({ data: object({ a: text() }) }),
      request: false,
      response: true,
    },
  ],
  [
    'array items narrowed',
    {
      before: { type: 'array', items: text() },
      after: { type: 'array', items: text({ maxLength: 3 }) },
      request: true,
      response: false,
    },
  ],
  [
    'unclassified keyword changed',
    { before: { if: { required: ['a'] } }, after: { if: { required: ['b'] } }, request: true, response: true },
  ],
  [
    'description changed',
    { before: text({ description: 'x' }), after: text({ description: 'y' }), request: 'none', response: 'none' },
  ],
  [
    'vendor extension changed',
    {
      before: text({ 'x-cause-codes': { A: 1 } }),
      after: text({ 'x-cause-codes': { A: 2 } }),
      request: 'none',
      response: 'none',
    },
  ],
];

describe('compareSchemas', () => {
  for (const direction of ['request', 'response'] as const) {
    it.each(rows)(`%s (${direction})`, (_rule, row) => {
      const changes = classify(row.before, row.after, direction);
      const want = row[direction];
      if (want === 'none') expect(changes).toEqual([]);
      else {
        expect(changes.length).toBeGreaterThan(0);
        expect(changes.map((change) => change.breaking)).toEqual(changes.map(() => want));
      }
    });
  }

  it('says a new known value of an open set is no break, and why', () => {
    expect(classify(open(['a']), open(['a', 'b']), 'response')).toEqual([
      {
        breaking: false,
        where: '/',
        message: 'known value "b" added (an open set: readers accept values they do not know)',
      },
    ]);
  });

  it.each([
    ['added', text(), text({ maxLength: 64 }), 'maxLength 64 added'],
    ['removed', text({ maxLength: 64 }), text(), 'maxLength 64 removed'],
    ['changed', text({ maxLength: 64 }), text({ maxLength: 32 }), 'maxLength changed from 64 to 32'],
  ])('says a bound was %s as the changelog should read it', (_how, before, after, message) => {
    expect(classify(before, after, 'request').map((change) => change.message)).toEqual([message]);
  });

  it('names the location of a nested change', () => {
    expect(
      classify(object({ data: object({ a: text(), b: text() }) }), object({ data: object({ a: text() }) }), 'response'),
    ).toEqual([{ breaking: true, where: '/data/b', message: 'property removed' }]);
  });
});
