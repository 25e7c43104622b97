import { describe, expect, it } from 'vitest';
import { toFieldError } from '../src/prism-engine.js';

describe('toFieldError: Prism diagnostics → the spec ProblemFieldError', () => {
  it.each([
    ['a body property', { given: { code: 'pattern', path: ['body', 'cause'], message: 'Request body property cause must match pattern "^[A-Z_]+$"' }, want: { pointer: '/cause', detail: 'must match pattern "^[A-Z_]+$"' } }],
    ['the body itself', { given: { code: 'type', path: ['body'], message: 'Request body must be object' }, want: { pointer: '', detail: 'must be object' } }],
    ['an unknown field', { given: { code: 'additionalProperties', path: ['body'], message: "Request body must NOT have additional properties; found 'reason'" }, want: { pointer: '/reason', detail: 'is not allowed: the command takes no such field' } }],
    ['a missing body', { given: { code: 'required', message: 'Body parameter is required' }, want: { pointer: '', detail: 'a JSON object body is required (send {} for none)' } }],
    ['a path parameter', { given: { code: 'format', path: ['path', 'uuid'], message: 'Request path parameter uuid must match format "uuid"' }, want: { parameter: 'uuid', detail: 'must match format "uuid"' } }],
    ['a header', { given: { code: 'type', path: ['header', 'X-Thing'], message: 'Request header parameter X-Thing must be integer' }, want: { header: 'x-thing', detail: 'must be integer' } }],
    ['a pointer token with / and ~', { given: { code: 'type', path: ['body', 'a/b~c'], message: 'Request body property a/b~c must be string' }, want: { pointer: '/a~1b~0c', detail: 'must be string' } }],
  ])('%s', (_name, { given, want }) => {
    expect(toFieldError(given)).toEqual(want);
  });
});
