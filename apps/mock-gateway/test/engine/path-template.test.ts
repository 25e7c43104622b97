import { expect, it } from 'vitest';
import { matchPathTemplate } from '../../src/engine/path-template.js';

const TEMPLATE = '/api/v1/sessions/{uuid}/commands/answer';

it.each<[string, { path: string; want: Record<string, string> | undefined }]>([
  ['a matching path', { path: '/api/v1/sessions/abc/commands/answer', want: { uuid: 'abc' } }],
  ['a percent-encoded parameter, decoded', { path: '/api/v1/sessions/a%20b/commands/answer', want: { uuid: 'a b' } }],
  ['a malformed escape, kept as written', { path: '/api/v1/sessions/%zz/commands/answer', want: { uuid: '%zz' } }],
  ['another literal segment', { path: '/api/v1/sessions/abc/commands/hangup', want: undefined }],
  ['an empty parameter', { path: '/api/v1/sessions//commands/answer', want: undefined }],
  ['one segment more', { path: '/api/v1/sessions/abc/commands/answer/x', want: undefined }],
  ['one segment less', { path: '/api/v1/sessions/abc/commands', want: undefined }],
  ['a parameter spanning a slash', { path: '/api/v1/sessions/a/b/commands/answer', want: undefined }],
])('%s', (_name, { path, want }) => {
  expect(matchPathTemplate(TEMPLATE, path)).toEqual(want);
});

it.each<[string, string, string, Record<string, string> | undefined]>([
  ['two parameters', '/a/{x}/b/{y}', '/a/1/b/2', { x: '1', y: '2' }],
  ['two parameters, the text between them not there', '/a/{x}/b/{y}', '/a/1/c/2', undefined],
  ['no parameter, the same path', '/health', '/health', {}],
  ['no parameter, a longer path', '/health', '/healthz', undefined],
  ['head and tail sharing text, too short for both', '/a/{x}/a', '/a/a', undefined],
  ['head and tail sharing text, a parameter between', '/a/{x}/a', '/a/b/a', { x: 'b' }],
])('%s', (_name, template, path, want) => {
  expect(matchPathTemplate(template, path)).toEqual(want);
});
