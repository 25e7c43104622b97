// The request journal's store: what it keeps of each request (headers and body within their
// bounds, the API key masked), its indexes, its bound, and recording off.
import { describe, expect, it } from 'vitest';
import type { CommandStreamEvent, HandledRequest } from '../../src/workbench/command-feed.js';
import {
  API_KEY_MASK,
  BODY_BOUND,
  createRequestJournal,
  HEADERS_BOUND,
  requestJson,
  requestSeq,
} from '../../src/workbench/request-journal.js';

const event = (
  status: number,
  session: string | null = 's-1',
  command: string | null = 'hangup',
): CommandStreamEvent => ({
  at: '2026-01-01T00:00:00.000Z',
  method: 'POST',
  path: '/api/v1/sessions/s-1/commands/hangup',
  status,
  session_uuid: session,
  command,
  operation_id: null,
  replayed: false,
  latency_ms: 0,
});
/** A handled request with these headers (as received: name, value, …). */
const handled = (headers: Record<string, string>, body: Buffer | undefined, problemType?: string) =>
  ({
    rawHeaders: Object.entries(headers).flat(),
    body,
    result: { status: 0, headers: {}, ...(problemType ? { problemType } : {}) },
    admitted: undefined,
  }) as unknown as HandledRequest;

describe('createRequestJournal', () => {
  it('keeps the headers with the API key masked, the body as received, and the problem type', () => {
    const journal = createRequestJournal({ size: 10 });
    journal.record(
      event(422),
      handled({ 'X-App-ID': 'a-1', 'X-API-Key': 'k-secret', Accept: 'a/b' }, Buffer.from('{"cause":1}'), 'urn:p'),
    );
    const [written] = journal.pages.page({}, 0, 10).entries.map(requestJson);
    expect(written).toMatchObject({
      id: 'req_1',
      app_id: 'a-1',
      headers: { 'x-app-id': 'a-1', 'x-api-key': API_KEY_MASK, accept: 'a/b' },
      headers_truncated: false,
      body: '{"cause":1}',
      body_bytes: 11,
      body_truncated: false,
      problem_type: 'urn:p',
    });
  });

  it(`keeps the first ${BODY_BOUND} bytes of a body and ${HEADERS_BOUND} characters of headers`, () => {
    const journal = createRequestJournal({ size: 10 });
    const headers = { 'x-app-id': 'a-1', 'x-big': 'h'.repeat(HEADERS_BOUND), 'x-after': 'kept?' };
    journal.record(event(202), handled(headers, Buffer.alloc(BODY_BOUND + 10, 'b')));
    const [written] = journal.pages.page({}, 0, 1).entries.map(requestJson);
    expect(written!.body).toBe('b'.repeat(BODY_BOUND));
    expect([written!.body_bytes, written!.body_truncated, written!.headers_truncated]).toEqual([
      BODY_BOUND + 10,
      true,
      true,
    ]);
    expect(Object.keys(written!.headers)).toEqual(['x-app-id']);
  });

  it('indexes session, command, status and app id; stays at its size; records nothing when off', () => {
    const journal = createRequestJournal({ size: 3 });
    for (const status of [202, 404, 202, 422])
      journal.record(event(status), handled({ 'x-app-id': `app-${status}` }, undefined));
    expect(journal.pages.size).toBe(3);
    expect(journal.pages.count({ status: '202' })).toBe(1);
    expect(journal.pages.count({ app_id: 'app-422', session: 's-1', command: 'hangup' })).toBe(1);
    const off = createRequestJournal({ size: 3, recording: false });
    off.record(event(202), handled({}, undefined));
    expect(off.pages.size).toBe(0);
  });

  it.each([
    ['req_1', 1],
    ['req_0', 0],
    ['req_007', 7],
    ['req_', undefined],
    ['evt_1', undefined],
    ['req_1234567890123456', undefined],
  ])('reads the cursor %s as %s', (id, seq) => {
    expect(requestSeq(id)).toBe(seq);
  });
});
