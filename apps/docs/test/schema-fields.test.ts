import { describe, expect, it } from 'vitest';
import type { OpenApiDocument } from '../src/openapi-document.js';
import { type JsonSchema, resolveSchema, rulesOf, schemaFields, schemaMarkdown, typeOf } from '../src/schema-fields.js';

const document = {
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  components: {
    schemas: {
      Uid: { type: 'string', pattern: '^[a-z]+$', maxLength: 8, description: 'A key.' },
      Node: { type: 'object', properties: { next: { $ref: '#/components/schemas/Node' }, name: { type: 'string' } } },
      Base: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } },
    },
  },
} as unknown as OpenApiDocument;

describe('rulesOf', () => {
  it.each<[string, JsonSchema, string[]]>([
    [
      'a pattern and lengths',
      { pattern: '^a$', minLength: 1, maxLength: 9 },
      ['pattern `^a$`', 'at least 1 characters', 'at most 9 characters'],
    ],
    ['a range', { minimum: 0, maximum: 999 }, ['≥ 0', '≤ 999']],
    ['exclusive bounds', { exclusiveMinimum: 0, exclusiveMaximum: 1 }, ['> 0', '< 1']],
    ['an enum and a default', { enum: ['a', 'b'], default: 'a' }, ['one of `a`, `b`', 'default `a`']],
    ['a const', { const: 'call.hangup' }, ['always `call.hangup`']],
    ['an open set', { 'x-extensible-enum': ['answer'] }, ['known values (an open set) `answer`']],
    ['a closed object', { additionalProperties: false, minProperties: 2 }, ['at least 2 fields', 'no other fields']],
    ['nothing', { type: 'string' }, []],
  ])('%s', (_, schema, want) => {
    expect(rulesOf(schema)).toEqual(want);
  });
});

describe('typeOf', () => {
  it.each<[string, JsonSchema, string]>([
    ['a format', { type: 'string', format: 'uuid' }, 'string (uuid)'],
    ['a nullable', { type: ['string', 'null'], format: 'date-time' }, 'string (date-time) or null'],
    ['an array', { type: 'array', items: { type: 'integer' } }, 'array of integer'],
    ['alternatives', { oneOf: [{ type: 'integer' }, { type: 'string' }] }, 'one of: integer, string'],
    ['an object without a type', { properties: {} }, 'object'],
    ['a $ref', { $ref: '#/components/schemas/Uid' }, 'string'],
  ])('%s', (_, schema, want) => {
    expect(typeOf(document, schema)).toBe(want);
  });
});

describe('schemaFields', () => {
  it('names nested fields by path, array items with [], and keeps a $ref’s siblings', () => {
    const rows = schemaFields(document, {
      type: 'object',
      required: ['uid'],
      properties: {
        uid: { $ref: '#/components/schemas/Uid', description: 'Yours.' },
        data: { type: 'object', properties: { at: { type: 'string' } } },
        errors: {
          type: 'array',
          items: { type: 'object', minProperties: 1, properties: { detail: { type: 'string' } } },
        },
      },
    });
    expect(rows.map(({ name, required }) => [name, required])).toEqual([
      ['uid', true],
      ['data', false],
      ['data.at', false],
      ['errors', false],
      ['errors[].detail', false],
    ]);
    expect(rows[0]).toMatchObject({ rules: ['pattern `^[a-z]+$`', 'at most 8 characters'], description: 'Yours.' });
    expect(rows[3]?.rules).toEqual(['each item: at least 1 fields']);
  });

  it('expands a recursive $ref once', () => {
    expect(schemaFields(document, { $ref: '#/components/schemas/Node' }).map(({ name }) => name)).toEqual([
      'next',
      'next.next',
      'next.name',
      'name',
    ]);
  });

  it('merges allOf', () => {
    const merged = resolveSchema(document, {
      allOf: [{ $ref: '#/components/schemas/Base' }, { properties: { n: { type: 'integer' } } }],
    });
    expect(Object.keys(merged.properties ?? {})).toEqual(['id', 'n']);
    expect(merged.required).toEqual(['id']);
  });
});

describe('schemaMarkdown', () => {
  it('writes a table with one row per field, pipes escaped, and a long description in full below', () => {
    const markdown = schemaMarkdown(document, {
      type: 'object',
      description: 'The body.',
      properties: { a: { type: 'string', pattern: 'x|y', description: 'First.\n\nSecond paragraph.' } },
    });
    expect(markdown).toBe(
      [
        'The body.',
        '| field | type | required | rules | description |\n|---|---|---|---|---|\n| `a` | string | no | pattern `x\\|y` | First. |',
        '**`a`**: First.\n\nSecond paragraph.',
      ].join('\n\n'),
    );
  });

  it('states the type and rules of a schema without fields', () => {
    expect(schemaMarkdown(document, { type: 'string', maxLength: 3 })).toBe('Type: string; at most 3 characters.');
  });
});
