// The compiled engine on its own: routes, credentials and validation read from the spec (the
// engine differential in test/faults holds its verdicts to Prism's over the fuzz corpus).
import type { ErrorObject } from '@call-control/spec/validator';
import { describe, expect, it } from 'vitest';
import { bodyFieldError, createCompiledEngine } from '../../src/engine/compiled-engine.js';
import type { EngineRequest } from '../../src/engine/engine-verdict.js';
import { spec } from '../support/spec.js';

const engine = createCompiledEngine(spec);
const SESSION = '3f9c2a7e-8b1d-4c5e-9a2f-6d7e8f901234';
const request = (overrides: Partial<EngineRequest> = {}): EngineRequest => ({
  method: 'POST',
  path: `/api/v1/sessions/${SESSION}/commands/hangup`,
  query: {},
  headers: { 'x-app-id': 'a', 'x-api-key': 'k', 'content-type': 'application/json' },
  body: {},
  ...overrides,
});

describe('createCompiledEngine', () => {
  it('routes every operation of the spec to its operationId', () => {
    for (const [path, item] of Object.entries<{ post: { operationId: string } }>(spec.paths)) {
      expect(engine.check(request({ path: path.replace('{uuid}', SESSION) }))).toEqual({
        kind: 'routed',
        operationId: item.post.operationId,
        unauthorized: false,
        violations: [],
      });
    }
  });

  it.each<[string, { given: Partial<EngineRequest>; want: unknown }]>([
    ['an unknown path', { given: { path: '/api/v1/sessions' }, want: { kind: 'no-route' } }],
    [
      'a path one segment longer',
      { given: { path: `/api/v1/sessions/${SESSION}/commands/hangup/now` }, want: { kind: 'no-route' } },
    ],
    ['another method on a command', { given: { method: 'GET' }, want: { kind: 'no-method', allow: ['POST'] } }],
  ])('%s', (_name, { given, want }) => {
    expect(engine.check(request(given))).toEqual(want);
  });

  it.each([['x-app-id'], ['x-api-key']])('without %s the request is unauthorized', (header) => {
    const headers = { ...request().headers };
    delete headers[header];
    expect(engine.check(request({ headers }))).toMatchObject({ kind: 'routed', unauthorized: true });
  });

  it.each<[string, { given: Partial<EngineRequest>; want: unknown[] }]>([
    [
      'a session id that is no UUID',
      {
        given: { path: '/api/v1/sessions/not-a-uuid/commands/answer' },
        want: [
          { parameter: 'uuid', detail: 'must match format "uuid"' },
          { parameter: 'uuid', detail: expect.stringMatching(/^must match pattern /) },
        ],
      },
    ],
    [
      'a cause that breaks its pattern',
      {
        given: { body: { cause: 'user_busy' } },
        want: [{ pointer: '/cause', detail: 'must match pattern "^[A-Z_]+$"' }],
      },
    ],
    [
      'a field the command does not take',
      {
        given: { body: { reason: 'x' } },
        want: [{ pointer: '/reason', detail: 'is not allowed: the command takes no such field' }],
      },
    ],
    [
      'two rules broken at once, both named',
      {
        given: { body: { cause: 7, command_uid: 'a b' } },
        want: [
          { pointer: '/command_uid', detail: 'must match pattern "^[a-zA-Z0-9._-]+$"' },
          { pointer: '/cause', detail: 'must be string' },
        ],
      },
    ],
    [
      'a body that is not JSON by its type: not validated here (admission answers 415)',
      { given: { body: 'cause=x', headers: { ...request().headers, 'content-type': 'text/plain' } }, want: [] },
    ],
  ])('%s', (_name, { given, want }) => {
    const verdict = engine.check(request(given));
    expect(verdict.kind === 'routed' && verdict.violations).toEqual(expect.arrayContaining(want));
    expect(verdict.kind === 'routed' && verdict.violations).toHaveLength(want.length);
  });

  it('follows the spec: an operation added there is routed and validated, with no code', () => {
    const withHold = structuredClone(spec);
    withHold.paths['/api/v1/sessions/{uuid}/commands/hold'] = {
      ...withHold.paths['/api/v1/sessions/{uuid}/commands/answer'],
      post: { ...withHold.paths['/api/v1/sessions/{uuid}/commands/answer'].post, operationId: 'hold' },
    };
    const held = createCompiledEngine(withHold).check(
      request({ path: `/api/v1/sessions/${SESSION}/commands/hold`, body: { cause: 'X' } }),
    );
    expect(held).toEqual({
      kind: 'routed',
      operationId: 'hold',
      unauthorized: false,
      violations: [{ pointer: '/cause', detail: 'is not allowed: the command takes no such field' }],
    });
  });
});

describe('bodyFieldError', () => {
  const error = (overrides: Partial<ErrorObject>): ErrorObject => ({
    instancePath: '',
    schemaPath: '#',
    keyword: 'type',
    params: {},
    message: 'must be object',
    ...overrides,
  });
  it.each<[string, { given: ErrorObject; want: unknown }]>([
    ['a rule at the root', { given: error({}), want: { pointer: '', detail: 'must be object' } }],
    [
      'an unknown member, named at its own pointer (escaped)',
      {
        given: error({ keyword: 'additionalProperties', params: { additionalProperty: 'a/b' } }),
        want: { pointer: '/a~1b', detail: 'is not allowed: the command takes no such field' },
      },
    ],
    [
      'an enum, with the values it allows (as Prism words it)',
      {
        given: error({
          instancePath: '/source',
          keyword: 'enum',
          params: { allowedValues: ['caller', 'callee'] },
          message: 'must be equal to one of the allowed values',
        }),
        want: { pointer: '/source', detail: 'must be equal to one of the allowed values: caller, callee' },
      },
    ],
  ])('%s', (_name, { given, want }) => {
    expect(bodyFieldError(given)).toEqual(want);
  });
});
