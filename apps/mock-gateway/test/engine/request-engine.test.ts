// Which engine judges a request: the compiled one, unless it says `Prefer` (Prism's mocking) or
// the gateway was started with Prism as the engine; and Prism is not even loaded until needed.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createRequestEngine } from '../../src/engine/request-engine.js';
import { spec } from '../support/spec.js';

const SESSION = '3f9c2a7e-8b1d-4c5e-9a2f-6d7e8f901234';
const request = (headers: Record<string, string> = {}) => ({
  method: 'POST',
  path: `/api/v1/sessions/${SESSION}/commands/hangup`,
  query: {},
  headers: { 'x-app-id': 'a', 'x-api-key': 'k', 'content-type': 'application/json', ...headers },
  body: {},
});

describe('createRequestEngine', () => {
  it('an ordinary request gets the compiled verdict; one with Prefer gets Prism’s mock of it', async () => {
    const engine = createRequestEngine(spec);
    expect(await engine.check(request())).toEqual({
      kind: 'routed',
      operationId: 'hangup',
      unauthorized: false,
      violations: [],
    });
    const preferred = await engine.check(request({ prefer: 'code=409' }));
    expect(preferred).toMatchObject({ kind: 'routed', operationId: 'hangup', preferred: { statusCode: 409 } });
  });

  it.each<[string, { choice: 'compiled' | 'prism'; headers: Record<string, string>; want: boolean }]>([
    ['an ordinary request does not load Prism', { choice: 'compiled', headers: {}, want: false }],
    ['a request with Prefer loads it', { choice: 'compiled', headers: { prefer: 'code=202' }, want: true }],
    ['as the oracle, Prism judges even an ordinary request', { choice: 'prism', headers: {}, want: true }],
  ])('%s (a fresh process, as the CLI starts one)', async (_name, { choice, headers, want }) => {
    const engineModule = fileURLToPath(new URL('../../dist/engine/request-engine.js', import.meta.url));
    const script = `
      import { createRequire } from 'node:module';
      import { loadBundledSpec } from '@call-control/spec';
      const { createRequestEngine } = await import(${JSON.stringify(engineModule)});
      const verdict = await createRequestEngine(loadBundledSpec(), ${JSON.stringify(choice)}).check(${JSON.stringify(request(headers))});
      const prismLoaded = Object.keys(createRequire(import.meta.url).cache).some((path) => path.includes('prism-http'));
      console.log(JSON.stringify({ kind: verdict.kind, prismLoaded }));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
    });
    expect(JSON.parse(stdout)).toEqual({ kind: 'routed', prismLoaded: want });
  });
});
