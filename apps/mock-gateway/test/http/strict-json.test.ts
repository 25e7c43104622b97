// I-JSON (RFC 7493): UTF-8 only, and no member name twice, at any depth, however it is spelled.
import { describe, expect, it } from 'vitest';
import { parseStrictJson } from '../../src/http/strict-json.js';

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
