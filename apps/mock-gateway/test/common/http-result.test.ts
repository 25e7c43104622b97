import { expect, it } from 'vitest';
import { jsonResult, withNote } from '../../src/common/http-result.js';

it('jsonResult serialises the body as JSON, with extra headers beside the content type', () => {
  expect(jsonResult(202, { operation_id: 'op' }, { 'idempotent-replayed': 'true' })).toEqual({
    status: 202,
    headers: { 'content-type': 'application/json', 'idempotent-replayed': 'true' },
    body: '{"operation_id":"op"}',
  });
});

it('withNote gives the reason for the log line, after any reason already there', () => {
  const result = jsonResult(202, {});
  expect(withNote(result, 'latency 20 ms').note).toBe('latency 20 ms');
  expect(withNote({ ...result, note: 'replayed' }, 'latency 20 ms')).toEqual({
    ...result,
    note: 'replayed; latency 20 ms',
  });
});
