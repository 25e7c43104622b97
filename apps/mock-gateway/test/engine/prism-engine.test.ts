import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createPrismEngine,
  createSilentPrismLogger,
  toFieldError,
  type EngineRequest,
  type PrismEngine,
} from '../../src/engine/prism-engine.js';
import { loadSpecModel } from '../../src/common/spec-model.js';

describe('toFieldError: Prism diagnostics → the spec ProblemFieldError', () => {
  it.each([
    [
      'a body property',
      {
        given: {
          code: 'pattern',
          path: ['body', 'cause'],
          message: 'Request body property cause must match pattern "^[A-Z_]+$"',
        },
        want: { pointer: '/cause', detail: 'must match pattern "^[A-Z_]+$"' },
      },
    ],
    [
      'the body itself',
      {
        given: { code: 'type', path: ['body'], message: 'Request body must be object' },
        want: { pointer: '', detail: 'must be object' },
      },
    ],
    [
      'an unknown field',
      {
        given: {
          code: 'additionalProperties',
          path: ['body'],
          message: "Request body must NOT have additional properties; found 'reason'",
        },
        want: { pointer: '/reason', detail: 'is not allowed: the command takes no such field' },
      },
    ],
    [
      'a missing body',
      {
        given: { code: 'required', message: 'Body parameter is required' },
        want: { pointer: '', detail: 'a JSON object body is required (send {} for none)' },
      },
    ],
    [
      'a path parameter',
      {
        given: {
          code: 'format',
          path: ['path', 'uuid'],
          message: 'Request path parameter uuid must match format "uuid"',
        },
        want: { parameter: 'uuid', detail: 'must match format "uuid"' },
      },
    ],
    [
      'a header',
      {
        given: {
          code: 'type',
          path: ['header', 'X-Thing'],
          message: 'Request header parameter X-Thing must be integer',
        },
        want: { header: 'x-thing', detail: 'must be integer' },
      },
    ],
    [
      'a pointer token with / and ~',
      {
        given: { code: 'type', path: ['body', 'a/b~c'], message: 'Request body property a/b~c must be string' },
        want: { pointer: '/a~1b~0c', detail: 'must be string' },
      },
    ],
  ])('%s', (_name, { given, want }) => {
    expect(toFieldError(given)).toEqual(want);
  });
});

describe('createSilentPrismLogger', () => {
  it('logs nothing, at any level, and writes no file', () => {
    const cwd = process.cwd();
    const logger = createSilentPrismLogger();
    expect(logger.level).toBe('silent');
    expect(['success', 'info', 'warn', 'error', 'fatal'].some((level) => logger.isLevelEnabled(level))).toBe(false);
    (logger as unknown as { success(message: string): void }).success('a request passed validation');
    // A string as createLogger's third argument is a pino file destination: a file named after it.
    expect(existsSync(join(cwd, 'silent'))).toBe(false);
  });
});

describe('createPrismEngine: routing, security and validation by the real Prism', () => {
  let engine: PrismEngine;
  beforeAll(async () => {
    engine = await createPrismEngine(loadSpecModel().document);
  });
  const session = '3f9c2a7e-8b1d-4c5e-9a2f-6d7e8f901234';
  const request = (overrides: Partial<EngineRequest>): EngineRequest => ({
    method: 'POST',
    path: `/api/v1/sessions/${session}/commands/hangup`,
    query: {},
    headers: { 'x-app-id': 'a', 'x-api-key': 'k', 'content-type': 'application/json' },
    body: {},
    ...overrides,
  });

  it.each([
    [
      'a valid command',
      { given: {}, want: { kind: 'routed', operationId: 'hangup', unauthorized: false, violations: [] } },
    ],
    [
      'a field that breaks its rule',
      {
        given: { body: { cause: 'busy' } },
        want: { kind: 'routed', violations: [{ pointer: '/cause', detail: 'must match pattern "^[A-Z_]+$"' }] },
      },
    ],
    [
      'no credentials',
      { given: { headers: { 'content-type': 'application/json' } }, want: { kind: 'routed', unauthorized: true } },
    ],
    ['an unknown path', { given: { path: '/api/v1/calls' }, want: { kind: 'no-route' } }],
    ['a wrong method', { given: { method: 'PUT' }, want: { kind: 'no-method', allow: ['POST'] } }],
    [
      'Prefer: an undocumented status',
      {
        given: {
          headers: { 'x-app-id': 'a', 'x-api-key': 'k', 'content-type': 'application/json', prefer: 'code=418' },
        },
        want: {
          kind: 'routed',
          operationId: 'hangup',
          unauthorized: false,
          preferredProblem: { status: 404, detail: 'Requested status code 418 is not defined in the document.' },
        },
      },
    ],
    // Prism answers a request that breaks the spec with the spec's 422 example, whatever Prefer says.
    [
      'Prefer: an undocumented status, with a body that breaks its rule',
      {
        given: {
          headers: { 'x-app-id': 'a', 'x-api-key': 'k', 'content-type': 'application/json', prefer: 'code=418' },
          body: { cause: 'busy' },
        },
        want: {
          kind: 'routed',
          violations: [{ pointer: '/cause', detail: 'must match pattern "^[A-Z_]+$"' }],
          preferred: { statusCode: 422 },
        },
      },
    ],
    [
      'Prefer: a documented status with an example every object has a property for',
      {
        given: {
          headers: {
            'x-app-id': 'a',
            'x-api-key': 'k',
            'content-type': 'application/json',
            prefer: 'code=409, example=constructor',
          },
        },
        want: {
          kind: 'routed',
          operationId: 'hangup',
          preferredProblem: {
            type: 'https://stoplight.io/prism/errors#NOT_FOUND',
            status: 404,
            detail:
              'Prefer asked for code 409 with example constructor, which the spec does not have for this operation.',
          },
        },
      },
    ],
    [
      'Prefer: a documented status',
      {
        given: {
          headers: { 'x-app-id': 'a', 'x-api-key': 'k', 'content-type': 'application/json', prefer: 'code=429' },
        },
        want: { kind: 'routed', operationId: 'hangup', preferred: { statusCode: 429 } },
      },
    ],
  ])('%s', async (_name, { given, want }) => {
    expect(await engine.check(request(given as Partial<EngineRequest>))).toMatchObject(want);
  });

  it('leaves no log file behind in the working directory after those requests', () => {
    expect(readdirSync(process.cwd())).not.toContain('silent');
  });
});
