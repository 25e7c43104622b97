// The house rule, run by the real Redocly CLI on broken copies of the bundled spec.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBundledSpec, type Node } from '../../test/support/bundled-spec.js';
import { lint } from '../../test/support/redocly.js';

const RULE = 'call-control/webhooks-triggered';
const dir = mkdtempSync(join(tmpdir(), 'webhooks-triggered-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const answer = (spec: Node) => spec.paths['/api/v1/sessions/{uuid}/commands/answer'].post;

async function ruleMessages(break_: (spec: Node) => void): Promise<string[]> {
  const spec = loadBundledSpec();
  break_(spec);
  const file = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(spec));
  const report = await lint(file);
  return report.problems.filter((problem) => problem.ruleId === RULE).map((problem) => problem.message);
}

describe(RULE, () => {
  it.each<[string, { given: (spec: Node) => void; want: string[] }]>([
    ['the bundled spec as built', { given: () => {}, want: [] }],
    [
      'an operation without the extension',
      {
        given: (spec) => delete answer(spec)['x-webhooks-triggered'],
        // call.answered is then triggered by no operation either.
        want: [
          'operation `answer` lacks `x-webhooks-triggered` (which webhooks it triggers, and when)',
          "webhook `call.answered` is triggered by no operation's `x-webhooks-triggered`",
        ],
      },
    ],
    [
      'a webhook the spec does not define',
      {
        given: (spec) => (answer(spec)['x-webhooks-triggered'].webhooks[0].webhook = 'call.bridged'),
        want: [
          "`x-webhooks-triggered` names webhook `call.bridged`, which the spec's `webhooks` does not define",
          "webhook `call.answered` is triggered by no operation's `x-webhooks-triggered`",
        ],
      },
    ],
    [
      'an unknown trigger and a mock delay over its bound',
      {
        given: (spec) => {
          const entry = answer(spec)['x-webhooks-triggered'].webhooks[1];
          entry.trigger = 'eventually';
          entry.mock_delay_ms = entry.max_delay_ms + 1;
        },
        want: [
          '`x-webhooks-triggered`: `trigger` must be one of dispatch, execute-complete, teardown',
          '`x-webhooks-triggered`: `mock_delay_ms` must not exceed `max_delay_ms`',
        ],
      },
    ],
    [
      'no timeout and no webhooks',
      {
        given: (spec) => (answer(spec)['x-webhooks-triggered'] = { webhooks: [] }),
        want: [
          '`x-webhooks-triggered`: `timeout_ms` must be a non-negative integer (milliseconds)',
          '`x-webhooks-triggered`: `webhooks` must list at least one webhook',
          "webhook `call.answered` is triggered by no operation's `x-webhooks-triggered`",
        ],
      },
    ],
  ])(
    '%s',
    async (_name, { given, want }) => {
      expect((await ruleMessages(given)).sort()).toEqual(want.sort());
    },
    60_000,
  );
});
