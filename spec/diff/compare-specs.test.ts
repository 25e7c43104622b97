// Spec-level rules on mutated copies of the bundled contract.
import { describe, expect, it } from 'vitest';
import { loadBundledSpec, type Node } from '../test/support/bundled-spec.js';
import { compareSpecs, majorOf } from './compare-specs.js';

const HANGUP = 'POST /api/v1/sessions/{uuid}/commands/hangup';
const schemas = (spec: Node) => spec.components.schemas;

type Row = [name: string, { mutate: (spec: Node) => void; want: { subject: string; breaking: boolean; where: string }[] }];

const rows: Row[] = [
  ['a field removed from call.hangup\'s payload breaks receivers', {
    mutate: (spec) => {
      delete schemas(spec).CallHangupData.properties.hangup_source;
      schemas(spec).CallHangupData.required = schemas(spec).CallHangupData.required.filter((f: string) => f !== 'hangup_source');
    },
    want: [{ subject: 'webhook call.hangup', breaking: true, where: 'request body /data/hangup_source' }],
  }],
  ['a field renamed in command.result breaks receivers', {
    mutate: (spec) => {
      const data = schemas(spec).CommandResultData;
      data.properties.result = data.properties.status;
      delete data.properties.status;
      data.required = data.required.map((f: string) => (f === 'status' ? 'result' : f));
    },
    want: [
      { subject: 'webhook command.result', breaking: true, where: 'request body /data/status' },
      { subject: 'webhook command.result', breaking: false, where: 'request body /data/result' },
    ],
  }],
  ['a new optional request field does not break callers', {
    mutate: (spec) => (schemas(spec).HangupRequest.properties.added_by_this_test = { type: 'string', maxLength: 64 }),
    want: [{ subject: HANGUP, breaking: false, where: 'request body /added_by_this_test' }],
  }],
  ['a new required request field breaks callers', {
    mutate: (spec) => {
      schemas(spec).HangupRequest.properties.added_by_this_test = { type: 'string' };
      schemas(spec).HangupRequest.required = ['added_by_this_test'];
    },
    want: [{ subject: HANGUP, breaking: true, where: 'request body /added_by_this_test' }],
  }],
  ['a narrower command_uid limit breaks callers of every command', {
    mutate: (spec) => (schemas(spec).CommandUid.maxLength = 64),
    want: [
      ...['answer', 'hangup', 'disconnect'].map((command) => ({
        subject: `POST /api/v1/sessions/{uuid}/commands/${command}`,
        breaking: true,
        where: 'request body /command_uid',
      })),
      // command.result and call.answered echo command_uid: a narrower limit is fine for readers.
      { subject: 'webhook command.result', breaking: false, where: 'request body /data/command_uid' },
      { subject: 'webhook call.answered', breaking: false, where: 'request body /data/command_uid' },
    ],
  }],
  ['a new command status breaks receivers', {
    mutate: (spec) => schemas(spec).CommandStatus.enum.push('cancelled'),
    want: [{ subject: 'webhook command.result', breaking: true, where: 'request body /data/status' }],
  }],
  ['a removed operation breaks callers', {
    mutate: (spec) => delete spec.paths['/api/v1/sessions/{uuid}/commands/disconnect'],
    want: [{ subject: 'POST /api/v1/sessions/{uuid}/commands/disconnect', breaking: true, where: '' }],
  }],
  ['a new operation does not break anyone', {
    mutate: (spec) => (spec.paths['/api/v1/sessions/{uuid}/commands/hold'] = structuredClone(spec.paths['/api/v1/sessions/{uuid}/commands/disconnect'])),
    want: [{ subject: 'POST /api/v1/sessions/{uuid}/commands/hold', breaking: false, where: '' }],
  }],
  ['a new webhook reaches receivers that do not know it', {
    mutate: (spec) => (spec.webhooks['call.bridged'] = structuredClone(spec.webhooks['call.answered'])),
    want: [{ subject: 'webhook call.bridged', breaking: true, where: '' }],
  }],
  ['a new required webhook header breaks nobody (the gateway sends it)', {
    mutate: (spec) => spec.webhooks['call.hangup'].post.parameters.push({ name: 'webhook-attempt', in: 'header', required: true, schema: { type: 'integer' } }),
    want: [{ subject: 'webhook call.hangup', breaking: false, where: 'parameter header webhook-attempt' }],
  }],
  ['a removed 202 breaks callers', {
    mutate: (spec) => delete spec.paths['/api/v1/sessions/{uuid}/commands/answer'].post.responses['202'],
    want: [{ subject: 'POST /api/v1/sessions/{uuid}/commands/answer', breaking: true, where: 'response 202' }],
  }],
  ['a documentation-only change is no change', {
    mutate: (spec) => (schemas(spec).HangupCause.description += ' More words.'),
    want: [],
  }],
];

describe('compareSpecs', () => {
  it.each(rows)('%s', (_name, { mutate, want }) => {
    const base = loadBundledSpec();
    const revision = loadBundledSpec();
    mutate(revision);
    const changes = compareSpecs(base, revision).map(({ subject, breaking, where }) => ({ subject, breaking, where }));
    expect(changes).toEqual(expect.arrayContaining(want));
    expect(changes).toHaveLength(want.length);
  });
});

describe('majorOf', () => {
  it('reads the major part of a version', () => {
    expect([majorOf('1.0.0'), majorOf('12.3.4')]).toEqual([1, 12]);
    expect(() => majorOf('v1')).toThrow('has no major part');
  });
});
