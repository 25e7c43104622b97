import { loadBundledSpec } from '@call-control/spec';
import { expect, it } from 'vitest';
import { at, follow, pointerTo, refOr } from '../src/spec-document.js';

const spec = loadBundledSpec();

it('writes a pointer from tokens, escaping / and ~', () => {
  expect(pointerTo('paths', '/api/v1/sessions/{uuid}/commands/hangup', 'post')).toBe(
    '#/paths/~1api~1v1~1sessions~1{uuid}~1commands~1hangup/post',
  );
  expect(pointerTo('a~b')).toBe('#/a~0b');
});

it('reads the object at a pointer, following $refs', () => {
  const pointer = pointerTo('webhooks', 'call.hangup', 'post', 'requestBody', 'content', 'application/json', 'schema');
  expect(at(spec, pointer)).toBe(spec.components.schemas.CallHangupEvent);
  expect(follow(spec, { $ref: '#/components/schemas/HangupCause' })).toBe(spec.components.schemas.HangupCause);
  expect(follow(spec, 'plain')).toBe('plain');
});

it('throws when there is nothing, or no object, at the pointer', () => {
  expect(() => at(spec, '#/components/schemas/Nothing')).toThrow('nothing at');
  expect(() => at(spec, '#/x-gateway-limits/max_body_bytes')).toThrow('no object at #/x-gateway-limits/max_body_bytes');
});

it('names where a $ref points, or else where the value was found', () => {
  expect(refOr({ $ref: '#/components/schemas/A' }, '#/elsewhere')).toBe('#/components/schemas/A');
  expect(refOr({ type: 'string' }, '#/elsewhere')).toBe('#/elsewhere');
});
