// Spec-level rules on mutated copies of the bundled contract.
import { describe, expect, it } from 'vitest';
import { COMMAND_PATHS, loadBundledSpec, type Node } from '../test/support/bundled-spec.js';
import { compareSpecs, majorOf } from './compare-specs.js';
import { breakingChangeGate } from './gate.js';

const HANGUP = 'POST /api/v1/sessions/{uuid}/commands/hangup';
// A command the spec does not have, added as `hold` would be (a name no real command will take).
const NEW_COMMAND = 'added_by_this_test';
const NEW_PATH = `/api/v1/sessions/{uuid}/commands/${NEW_COMMAND}`;
const schemas = (spec: Node) => spec.components.schemas;
/** The webhooks whose payload echoes `command_uid`, read from the bundle. */
const echoingCommandUid = (spec: Node) =>
  Object.keys(spec.webhooks).filter((name) => {
    const body = spec.webhooks[name].post.requestBody.content['application/json'].schema;
    const event = schemas(spec)[body.$ref.split('/').pop()];
    return 'command_uid' in schemas(spec)[event.properties.data.$ref.split('/').pop()].properties;
  });

/** A command added end to end, as `hold` would be: its path and operation, and its name in `CommandName`. */
function addCommand(spec: Node) {
  const added = structuredClone(spec.paths['/api/v1/sessions/{uuid}/commands/disconnect']);
  added.post.operationId = NEW_COMMAND;
  spec.paths[NEW_PATH] = added;
  schemas(spec).CommandName['x-extensible-enum'].push(NEW_COMMAND);
}

type Row = [
  name: string,
  { mutate: (spec: Node) => void; want: { subject: string; breaking: boolean; where: string }[] },
];

const rows: Row[] = [
  [
    "a field removed from call.hangup's payload breaks receivers",
    {
      mutate: (spec) => {
        delete schemas(spec).CallHangupData.properties.hangup_source;
        schemas(spec).CallHangupData.required = schemas(spec).CallHangupData.required.filter(
          (f: string) => f !== 'hangup_source',
        );
      },
      want: [{ subject: 'webhook call.hangup', breaking: true, where: 'request body /data/hangup_source' }],
    },
  ],
  [
    'a field renamed in command.result breaks receivers',
    {
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
    },
  ],
  [
    'a new optional request field does not break callers',
    {
      mutate: (spec) => (schemas(spec).HangupRequest.properties.added_by_this_test = { type: 'string', maxLength: 64 }),
      want: [{ subject: HANGUP, breaking: false, where: 'request body /added_by_this_test' }],
    },
  ],
  [
    'a new required request field breaks callers',
    {
      mutate: (spec) => {
        schemas(spec).HangupRequest.properties.added_by_this_test = { type: 'string' };
        schemas(spec).HangupRequest.required = ['added_by_this_test'];
      },
      want: [{ subject: HANGUP, breaking: true, where: 'request body /added_by_this_test' }],
    },
  ],
  [
    'a narrower command_uid limit breaks callers of every command',
    {
      mutate: (spec) => (schemas(spec).CommandUid.maxLength = 64),
      want: [
        ...Object.values(COMMAND_PATHS).map((path) => ({
          subject: `POST ${path}`,
          breaking: true,
          where: 'request body /command_uid',
        })),
        // The webhooks that echo command_uid: a narrower limit is fine for readers.
        ...echoingCommandUid(loadBundledSpec()).map((name) => ({
          subject: `webhook ${name}`,
          breaking: false,
          where: 'request body /data/command_uid',
        })),
      ],
    },
  ],
  [
    'a new command status breaks receivers (CommandStatus is a closed set)',
    {
      mutate: (spec) => schemas(spec).CommandStatus.enum.push('cancelled'),
      want: [{ subject: 'webhook command.result', breaking: true, where: 'request body /data/status' }],
    },
  ],
  [
    'a removed operation breaks callers',
    {
      mutate: (spec) => delete spec.paths['/api/v1/sessions/{uuid}/commands/disconnect'],
      want: [{ subject: 'POST /api/v1/sessions/{uuid}/commands/disconnect', breaking: true, where: '' }],
    },
  ],
  // ADR 0005: commands and event types are open sets; receivers accept what they do not know.
  [
    'a new operation does not break anyone',
    {
      mutate: (spec) =>
        (spec.paths[NEW_PATH] = structuredClone(spec.paths['/api/v1/sessions/{uuid}/commands/disconnect'])),
      want: [{ subject: `POST ${NEW_PATH}`, breaking: false, where: '' }],
    },
  ],
  [
    'a new command name in command.result does not break receivers',
    {
      mutate: (spec) => schemas(spec).CommandName['x-extensible-enum'].push(NEW_COMMAND),
      want: [{ subject: 'webhook command.result', breaking: false, where: 'request body /data/command' }],
    },
  ],
  [
    'a command added end to end (as hold would be) does not break anyone',
    {
      mutate: addCommand,
      want: [
        { subject: `POST ${NEW_PATH}`, breaking: false, where: '' },
        { subject: 'webhook command.result', breaking: false, where: 'request body /data/command' },
      ],
    },
  ],
  [
    'a new webhook does not break receivers (they acknowledge event types they do not know)',
    {
      mutate: (spec) => (spec.webhooks['added.by_this_test'] = structuredClone(spec.webhooks['call.answered'])),
      want: [{ subject: 'webhook added.by_this_test', breaking: false, where: '' }],
    },
  ],
  [
    'a removed webhook breaks receivers that rely on it',
    {
      mutate: (spec) => delete spec.webhooks['call.answered'],
      want: [{ subject: 'webhook call.answered', breaking: true, where: '' }],
    },
  ],
  [
    'a known command name removed breaks no receiver',
    {
      mutate: (spec) => schemas(spec).CommandName['x-extensible-enum'].pop(),
      want: [{ subject: 'webhook command.result', breaking: false, where: 'request body /data/command' }],
    },
  ],
  [
    'closing the open set of commands breaks nobody reading it, but is reported',
    {
      mutate: (spec) => (schemas(spec).CommandName.enum = [...schemas(spec).CommandName['x-extensible-enum']]),
      want: [{ subject: 'webhook command.result', breaking: false, where: 'request body /data/command' }],
    },
  ],
  [
    'a new required webhook header breaks nobody (the gateway sends it)',
    {
      mutate: (spec) =>
        spec.webhooks['call.hangup'].post.parameters.push({
          name: 'webhook-attempt',
          in: 'header',
          required: true,
          schema: { type: 'integer' },
        }),
      want: [{ subject: 'webhook call.hangup', breaking: false, where: 'parameter header webhook-attempt' }],
    },
  ],
  [
    'a removed 202 breaks callers',
    {
      mutate: (spec) => delete spec.paths['/api/v1/sessions/{uuid}/commands/answer'].post.responses['202'],
      want: [{ subject: 'POST /api/v1/sessions/{uuid}/commands/answer', breaking: true, where: 'response 202' }],
    },
  ],
  [
    'a documentation-only change is no change',
    {
      mutate: (spec) => (schemas(spec).HangupCause.description += ' More words.'),
      want: [],
    },
  ],
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

describe('breakingChangeGate', () => {
  const removeField = (spec: Node) => {
    delete schemas(spec).CallHangupData.properties.duration_ms;
    schemas(spec).CallHangupData.required.pop();
  };
  // Versions relative to the current one: `minor` raises the minor part, `major` the major part.
  const major = majorOf(loadBundledSpec().info.version);
  const VERSIONS = { same: loadBundledSpec().info.version, minor: `${major}.99.0`, major: `${major + 1}.0.0` };
  // A break passes only in a major release: pending (a major changeset for the spec) or
  // applied (info.version's major part raised by `pnpm version-packages`).
  type Bump = 'major' | 'minor' | 'patch' | 'none';
  it.each<
    [string, { mutate: (spec: Node) => void; version: keyof typeof VERSIONS; pendingBump?: Bump; passed: boolean }]
  >([
    ['no change', { mutate: () => {}, version: 'same', passed: true }],
    [
      'a non-breaking change in a minor release',
      {
        mutate: (s) => (schemas(s).HangupRequest.properties.added_by_this_test = { type: 'string' }),
        version: 'minor',
        passed: true,
      },
    ],
    [
      'a non-breaking change with no changeset yet',
      {
        mutate: (s) => (schemas(s).HangupRequest.properties.added_by_this_test = { type: 'string' }),
        version: 'same',
        passed: true,
      },
    ],
    ['a command added end to end in a minor release', { mutate: addCommand, version: 'minor', passed: true }],
    ['a breaking change without a major bump', { mutate: removeField, version: 'minor', passed: false }],
    ['a breaking change with no changeset', { mutate: removeField, version: 'same', passed: false }],
    [
      'a breaking change with a minor changeset',
      { mutate: removeField, version: 'same', pendingBump: 'minor', passed: false },
    ],
    [
      'a breaking change with a major changeset',
      { mutate: removeField, version: 'same', pendingBump: 'major', passed: true },
    ],
    ['a breaking change with a major bump', { mutate: removeField, version: 'major', passed: true }],
  ])('%s', (_name, { mutate, version, pendingBump = 'none', passed }) => {
    const revision = loadBundledSpec();
    mutate(revision);
    revision.info.version = VERSIONS[version];
    const result = breakingChangeGate(loadBundledSpec(), revision, { pendingBump });
    expect(result.passed).toBe(passed);
    if (!passed) {
      expect(result.report).toMatch(
        /^1 breaking change\(s\) against the released contract \d+\.\d+\.\d+, and no major changeset for @call-control\/spec\./,
      );
      expect(result.report).toContain('run `pnpm changeset`, select @call-control/spec');
      expect(result.report).toContain('webhook call.hangup');
    }
  });

  it('reads the major part of a version', () => {
    expect([majorOf('1.0.0'), majorOf('12.3.4')]).toEqual([1, 12]);
    expect(() => majorOf('v1')).toThrow('has no major part');
  });
});
