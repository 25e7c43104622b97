// I-JSON (RFC 7493): UTF-8 only, and no member name twice, at any depth, however it is spelled.
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, nestsDeeperThan, parseStrictJson } from '../../src/http/strict-json.js';

const parse = (text: string | Buffer) => parseStrictJson(typeof text === 'string' ? Buffer.from(text) : text);

describe('parseStrictJson', () => {
  it.each<[string, unknown]>([
    ['{"cause":"USER_BUSY","command_uid":"a"}', { cause: 'USER_BUSY', command_uid: 'a' }],
    ['{"a":{"b":1},"b":{"a":2}}', { a: { b: 1 }, b: { a: 2 } }],
    ['[{"a":1},{"a":2}]', [{ a: 1 }, { a: 2 }]],
    ['"text"', 'text'],
    ['null', null],
    ['{"__proto__":1}', JSON.parse('{"__proto__":1}')],
    // Text the member count must not be fooled by: a `":` inside a value, a quote escaped in a name.
    ['{"a":"x\\":y","b":"\\"\\""}', { a: 'x":y', b: '""' }],
    ['{"a\\"b" : 1, "c":["d", "e:"]}', { 'a"b': 1, c: ['d', 'e:'] }],
    ['{"a":"\\\\","b":1}', { a: '\\', b: 1 }],
  ])('reads %s', (text, value) => {
    expect(parse(text)).toEqual({ ok: true, value });
  });

  it.each<[string, string]>([
    ['{"cause":"x","cause":"USER_BUSY"}', '/cause'],
    ['{"c\\u0061use":"x","cause":"y"}', '/cause'],
    ['{"a":{"b":1,"b":2}}', '/a/b'],
    ['[0,{"x/y":1,"x/y":1}]', '/1/x~1y'],
    ['{"__proto__":1,"__proto__":2}', '/__proto__'],
    ['{"a" :1, "a"\n:2}', '/a'],
    ['{"x":"\\":","a":1,"a":2}', '/a'],
  ])('refuses %s: a member given twice, at %s', (text, pointer) => {
    expect(parse(text)).toEqual({
      ok: false,
      reason: { message: `the member ${pointer} is given more than once`, pointer },
    });
  });

  it.each<[string, string | Buffer, RegExp]>([
    ['a syntax error', '{"a":', /JSON/],
    ['bytes that are not UTF-8', Buffer.from([0x7b, 0xc3, 0x28, 0x7d]), /not UTF-8/],
  ])('refuses %s', (_name, text, reason) => {
    const parsed = parse(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason.message).toMatch(reason);
  });
});

describe(`nesting: at most ${MAX_JSON_DEPTH} levels, counted without recursion`, () => {
  const deep = (depth: number, open = '[', close = ']') => `${open.repeat(depth)}${close.repeat(depth)}`;
  it.each<[string, string, boolean]>([
    ['arrays at the limit', deep(MAX_JSON_DEPTH), false],
    ['arrays one past it', deep(MAX_JSON_DEPTH + 1), true],
    ['objects one past it', `${'{"a":'.repeat(MAX_JSON_DEPTH + 1)}1${'}'.repeat(MAX_JSON_DEPTH + 1)}`, true],
    ['objects and arrays mixed', `${'{"a":['.repeat(33)}${']}'.repeat(33)}`, true],
    ['100,000 deep', deep(100_000), true],
    ['brackets in strings', JSON.stringify(['['.repeat(500), '\\', '"[[[', '{{{']), false],
    ['siblings, each shallow', `[${Array.from({ length: 500 }, () => deep(10)).join(',')}]`, false],
  ])('%s', (_name, text, tooDeep) => {
    expect(nestsDeeperThan(Buffer.from(text), MAX_JSON_DEPTH)).toBe(tooDeep);
    const parsed = parse(text);
    if (tooDeep)
      expect(parsed).toEqual({
        ok: false,
        reason: {
          message: `nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels, the most the mock reads`,
          tooDeep: true,
        },
      });
    else expect(parsed.ok).toBe(true);
  });
});
