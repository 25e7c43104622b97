// One reading of a body for the API and the control plane: none is `{}`; otherwise
// application/json (415), then I-JSON no deeper than the limit (400).
import { expect, it } from 'vitest';
import { readJsonBody, unreadBodyProblem } from '../../src/http/json-body.js';
import { MAX_JSON_DEPTH } from '../../src/http/strict-json.js';
import { createProblems } from '../../src/common/problems.js';
import { loadSpecModel } from '../../src/common/spec-model.js';

const problems = createProblems(loadSpecModel());
const JSON_TYPE = { 'content-type': 'application/json' };
const slugOf = (body: string | undefined) => JSON.parse(body!).type.split('/').pop();

it.each<[string, string, Record<string, string>, unknown]>([
  ['no body, whatever its type', '', { 'content-type': 'application/x-www-form-urlencoded' }, {}],
  ['an object', '{"cause":"USER_BUSY"}', JSON_TYPE, { cause: 'USER_BUSY' }],
  ['JSON with a UTF-8 charset', '[1]', { 'content-type': 'application/json; charset=utf-8' }, [1]],
])('reads %s', (_name, text, headers, value) => {
  const read = readJsonBody(Buffer.from(text), headers, problems, '/x');
  expect(read.ok && read.value).toEqual({ value, empty: text === '' });
});

it.each<[string, string, Record<string, string>, number, string, RegExp]>([
  ['text/plain', '{}', { 'content-type': 'text/plain' }, 415, 'unsupported-media-type', /application\/json/],
  ['no type', '{}', {}, 415, 'unsupported-media-type', /without a Content-Type/],
  ['gzip', '{}', { ...JSON_TYPE, 'content-encoding': 'gzip' }, 415, 'unsupported-media-type', /content-coded/],
  ['a newline alone', '\n', JSON_TYPE, 400, 'malformed-json', /not valid JSON/],
  ['a no-break space alone', '\u00a0', JSON_TYPE, 400, 'malformed-json', /not valid JSON/],
  ['a BOM alone', '\ufeff', JSON_TYPE, 400, 'malformed-json', /not valid JSON/],
  ['a member twice', '{"a":1,"a":2}', JSON_TYPE, 400, 'malformed-json', /I-JSON/],
  [
    'nesting past the limit',
    `${'['.repeat(65)}${']'.repeat(65)}`,
    JSON_TYPE,
    400,
    'malformed-json',
    new RegExp(`deeper than ${MAX_JSON_DEPTH} levels`),
  ],
])('refuses %s: %i %s', (_name, text, headers, status, slug, detail) => {
  const read = readJsonBody(Buffer.from(text), headers, problems, '/x');
  expect(read.ok).toBe(false);
  if (read.ok) return;
  expect([read.reason.status, slugOf(read.reason.body)]).toEqual([status, slug]);
  expect(JSON.parse(read.reason.body!).detail).toMatch(detail);
});

it('a body not read in full: 413 past the limit (closing the connection), 400 when it never arrived', () => {
  const tooLarge = unreadBodyProblem({ kind: 'too-large', declared: 99 }, 10, problems, '/x');
  expect([tooLarge.status, tooLarge.headers.connection, JSON.parse(tooLarge.body!).detail]).toEqual([
    413,
    'close',
    'The request body is 99 bytes; the limit is 10 bytes.',
  ]);
  expect(unreadBodyProblem({ kind: 'aborted' }, 10, problems, '/x').status).toBe(400);
});
