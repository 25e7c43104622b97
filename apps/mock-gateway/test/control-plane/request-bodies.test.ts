// The control plane reads a body as the API reads one — one reader for both — so what the API
// refuses, the control plane refuses with the same status and problem type: whitespace alone
// (which JSON.parse and the API never read as `{}`), a body that is not application/json, and
// nesting past the depth limit in any field. No body at all is `{}` on both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../../src/http/strict-json.js';
import { control } from '../support/control-plane.js';
import { AUTH, newSession, startGateway } from '../support/gateway.js';

let gateway: Awaited<ReturnType<typeof startGateway>>;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(() => gateway.close());

/** The same body to the API (a command) and to the control plane's three POSTs: each status and problem type. */
async function everywhere(body: string | undefined, contentType: string | undefined) {
  const headers: Record<string, string> = contentType === undefined ? {} : { 'content-type': contentType };
  const session = (await control(gateway.url, 'POST', '/__mock/sessions')).body.uuid as string;
  await gateway.command(session, 'answer');
  // A webhook is journaled when it is due: wait for the answer's first.
  const journal = await control(gateway.url, 'GET', `/__mock/deliveries?session=${session}&wait_ms=5000`);
  const delivery = journal.body.deliveries[0].id;
  const api = await fetch(`${gateway.url}/api/v1/sessions/${session}/commands/hangup`, {
    method: 'POST',
    headers: { ...AUTH, ...headers },
    ...(body === undefined ? {} : { body }),
  });
  const paths = [
    '/__mock/sessions',
    `/__mock/sessions/${newSession()}/remote-hangup`,
    `/__mock/deliveries/${delivery}/resend`,
  ];
  const answers = [{ status: api.status, type: (await api.json()).type as string | undefined }];
  for (const path of paths) {
    const { response, body: answer } = await control(gateway.url, 'POST', path, {
      headers,
      ...(body === undefined ? {} : { body }),
    });
    answers.push({ status: response.status, type: answer.type });
  }
  return answers;
}
const slug = (type: string | undefined) => type?.slice(type.lastIndexOf('/') + 1);

describe('whitespace alone is not JSON: 400 malformed-json on the API and the control plane alike', () => {
  it.each([
    ['a newline', '\n'],
    ['a form feed', '\f'],
    ['a vertical tab', '\v'],
    ['spaces and tabs', ' \t '],
    ['a no-break space', '\u00a0'],
    ['a byte order mark', '\ufeff'],
    ['a byte order mark before an object', '\ufeff{}'],
  ])('%s', async (_name, body) => {
    const answers = await everywhere(body, 'application/json');
    expect(answers.map(({ status, type }) => [status, slug(type)])).toEqual(
      Array.from({ length: 4 }, () => [400, 'malformed-json']),
    );
  });
});

describe('a body that is not application/json: 415 unsupported-media-type on both', () => {
  it.each([
    ['text/plain', '{}'],
    ['application/x-www-form-urlencoded', 'uuid=x'],
    ['multipart/form-data; boundary=x', '--x--'],
    ['application/json; charset=latin1', '{}'],
    ['json', '{}'],
  ])('%s', async (contentType, body) => {
    const answers = await everywhere(body, contentType);
    expect(answers.map(({ status, type }) => [status, slug(type)])).toEqual(
      Array.from({ length: 4 }, () => [415, 'unsupported-media-type']),
    );
  });

  it('no body at all needs no type, on both (the resend is then refused only for want of a webhook URL)', async () => {
    const answers = await everywhere(undefined, undefined);
    expect(answers.map(({ status, type }) => [status, slug(type)])).toEqual([
      [202, undefined],
      [201, undefined],
      [202, undefined],
      [409, 'mock-no-webhook-url'],
    ]);
  });
});

describe(`nesting deeper than ${MAX_JSON_DEPTH}: 400 naming the limit, in any field, before anything recurses into it`, () => {
  const nested = (depth: number, open = '[', close = ']') => `${open.repeat(depth)}${close.repeat(depth)}`;
  it.each([
    ['arrays in cause, ~2,500 deep (16 KB)', (depth: number) => `{"cause":${nested(depth)}}`, 2_500],
    ['arrays just past the limit', (depth: number) => `{"cause":${nested(depth - 1)}}`, MAX_JSON_DEPTH + 1],
    [
      'objects in command_uid',
      (depth: number) => `{"command_uid":${'{"a":'.repeat(depth - 1)}1${'}'.repeat(depth - 1)}}`,
      MAX_JSON_DEPTH + 1,
    ],
    ['in a member the request does not take', (depth: number) => `{"x":${nested(depth - 1)}}`, 5_000],
    ['the body itself an array', (depth: number) => nested(depth), 3_000],
  ])('%s', async (_name, body, depth) => {
    const answers = await everywhere(body(depth), 'application/json');
    expect(answers.map(({ status, type }) => [status, slug(type)])).toEqual(
      Array.from({ length: 4 }, () => [400, 'malformed-json']),
    );
    const response = await gateway.command(newSession(), 'hangup', undefined, { raw: body(depth) });
    expect((await response.json()).detail).toBe(
      `The request body nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels, the most the mock reads.`,
    );
  });

  it(`brackets inside strings do not count, and ${MAX_JSON_DEPTH} levels are read (then judged by the schema)`, async () => {
    const inString = `{"command_uid":"${'['.repeat(200)}"}`;
    const atLimit = `{"cause":${'['.repeat(MAX_JSON_DEPTH - 1)}${']'.repeat(MAX_JSON_DEPTH - 1)}}`;
    for (const raw of [inString, atLimit]) {
      const response = await gateway.command(newSession(), 'hangup', undefined, { raw });
      expect([response.status, (await response.json()).type]).toEqual([
        422,
        expect.stringMatching(/validation-failed$/),
      ]);
    }
  });
});
