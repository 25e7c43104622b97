// The control plane's requests judged by its own document's schemas: what they accept and
// refuse follows the document (and through it the contract), field by field.
import { expect, it } from 'vitest';
import {
  type ControlBody,
  checkControlBody,
  checkControlHeader,
  readControlPlaneDocument,
} from '../../src/workbench/control-schemas.js';
import { spec } from '../support/spec.js';

it('reads the document the build bundled, the one the tests hold every answer to', () => {
  const document = readControlPlaneDocument() as { components: { schemas: Record<string, unknown> } };
  expect(Object.keys(document.components.schemas)).toEqual(
    expect.arrayContaining(['NewSessionRequest', 'RemoteHangupRequest']),
  );
});

it.each<[ControlBody, object]>([
  ['NewSessionRequest', {}],
  [
    'NewSessionRequest',
    { uuid: '3f9c2a7e-8b1d-4c5e-9a2f-6d7e8f901234', direction: 'outbound', from: '+1555', to: 'sip:a@b' },
  ],
  ...(spec.components.schemas.CallDirection.enum as string[]).map((direction): [ControlBody, object] => [
    'NewSessionRequest',
    { direction },
  ]),
  ['RemoteHangupRequest', {}],
  ['RemoteHangupRequest', { source: 'system', cause: 'ALLOTTED_TIMEOUT' }],
  // The contract's HangupCause takes any name of its pattern (the gateway clears an unknown one normally).
  ['RemoteHangupRequest', { cause: 'NOT_A_KNOWN_CAUSE' }],
])('%s accepts %j', (schema, body) => {
  expect(checkControlBody(schema, body)).toEqual({ ok: true, value: body });
});

it.each([
  ['NewSessionRequest', { direction: 'both' }, '/direction'],
  ['NewSessionRequest', { from: 'x'.repeat(spec.components.schemas.CallParty.maxLength + 1) }, '/from'],
  ['NewSessionRequest', { caller: '+1555' }, '/caller'],
  ['RemoteHangupRequest', { source: 'api' }, '/source'],
  ['RemoteHangupRequest', { cause: 'busy' }, '/cause'],
  ['RemoteHangupRequest', { cause: 17 }, '/cause'],
] as const)('%s refuses %j, naming %s', (schema, body, pointer) => {
  const checked = checkControlBody(schema, body);
  expect(checked.ok).toBe(false);
  expect(checked.ok ? [] : checked.reason.map((error) => 'pointer' in error && error.pointer)).toEqual([pointer]);
});

it.each([
  ['42', true],
  ['0', true],
  ['', false],
  ['4 2', false],
  ['-3', false],
])('Last-Event-ID %j is %s by its documented pattern', (value, valid) => {
  const checked = checkControlHeader('/__mock/events', 'get', 'Last-Event-ID', value);
  expect(checked.ok).toBe(valid);
  if (!checked.ok) expect(checked.reason).toEqual({ header: 'Last-Event-ID', detail: 'must match pattern "^[0-9]+$"' });
});

it('says so when asked of a header the document does not have', () => {
  expect(() => checkControlHeader('/__mock/events', 'get', 'X-Nothing', '1')).toThrow(/has no header X-Nothing/);
});
