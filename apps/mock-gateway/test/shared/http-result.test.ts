import { expect, it } from 'vitest';
import { jsonResult } from '../../src/shared/http-result.js';

it('jsonResult serialises the body as JSON, with extra headers beside the content type', () => {
  expect(jsonResult(202, { operation_id: 'op' }, { 'idempotent-replayed': 'true' })).toEqual({
    status: 202,
    headers: { 'content-type': 'application/json', 'idempotent-replayed': 'true' },
    body: '{"operation_id":"op"}',
  });
});
