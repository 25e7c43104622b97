// The house rule, run by the real Redocly CLI on broken copies of the bundled spec: prose that
// states a figure of a limit other than `x-gateway-limits`' fails, and so does data that
// changed under prose typed by hand.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBundledSpec, type Node } from '../../test/support/bundled-spec.js';
import { lint } from '../../test/support/redocly.js';

const RULE = 'call-control/gateway-limits-prose';
const dir = mkdtempSync(join(tmpdir(), 'gateway-limits-prose-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const limits = (spec: Node) => spec['x-gateway-limits'];
const responses = (spec: Node) => spec.components.responses;

async function ruleProblems(break_: (spec: Node) => void): Promise<string[]> {
  const spec = loadBundledSpec();
  break_(spec);
  const file = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(spec));
  const report = await lint(file);
  return report.problems
    .filter((problem) => problem.ruleId === RULE)
    .map((problem) => `${problem.location[0]?.pointer}: ${problem.message.replace(/ \(".*$/, '')}`);
}

const stale = (where: string, stated: string, key: string, value: string) =>
  `${where}: states ${stated} where \`x-gateway-limits.${key}\` is ${value}: write \`{{x-gateway-limits.${key}}}\` instead of the figure`;

describe(RULE, () => {
  it.each<[string, { given: (spec: Node) => void; want: string[] }]>([
    ['the bundled spec as built', { given: () => {}, want: [] }],
    [
      'a response that states another body limit',
      {
        given: (spec) =>
          (responses(spec).ContentTooLarge.description = "The body is larger than the gateway's 32 KiB limit."),
        want: [stale('#/components/responses/ContentTooLarge/description', '32 KiB', 'max_body_bytes', '16 KiB')],
      },
    ],
    [
      'a parameter that states another timestamp tolerance',
      {
        given: (spec) =>
          (spec.components.parameters.WebhookTimestamp.description =
            'Reject a timestamp more than 10 minutes from your clock.'),
        want: [
          stale(
            '#/components/parameters/WebhookTimestamp/description',
            '10 minutes',
            'webhook_timestamp_tolerance_s',
            '5 minutes',
          ),
        ],
      },
    ],
    [
      'a retry schedule said with an attempt missing',
      {
        given: (spec) =>
          (responses(spec).WebhookRejected.description = 'A failed attempt is retried after 5 s, 5 min and 30 min.'),
        want: [
          stale(
            '#/components/responses/WebhookRejected/description',
            '5 s, 5 min, 30 min',
            'webhook_retry_schedule_s',
            'after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h (8 attempts in all, the first immediate)',
          ),
        ],
      },
    ],
    [
      'the Retry-After statuses said as 429 and 503 only',
      {
        given: (spec) =>
          (responses(spec).WebhookRetryLater.description =
            'When your receiver answers `429` or `503` with `Retry-After`, the gateway honours it.'),
        want: [
          stale(
            '#/components/responses/WebhookRetryLater/description',
            '429, 503',
            'webhook_retry_after_statuses',
            '`429`, `502`, `503` or `504`',
          ),
        ],
      },
    ],
    [
      'an example detail that states another body limit',
      {
        given: (spec) =>
          (spec.components.examples.ContentTooLargeProblem.value.detail =
            'The request body is 20480 bytes; the limit is 8192 bytes.'),
        want: [
          stale('#/components/examples/ContentTooLargeProblem/value/detail', '8192 bytes', 'max_body_bytes', '16 KiB'),
        ],
      },
    ],
    [
      'the data changed under prose that states the old figure',
      {
        given: (spec) => (limits(spec).webhook_response_timeout_ms = 30_000),
        want: [
          '#/info/description',
          '#/info/description', // the Limits table, rendered from the old value
          '#/components/responses/WebhookReceived/description',
          '#/components/responses/WebhookRejected/description',
        ].map((where) => stale(where, '15 seconds', 'webhook_response_timeout_ms', '30 seconds')),
      },
    ],
    [
      'a placeholder that names no limit',
      {
        given: (spec) =>
          (responses(spec).ContentTooLarge.description = 'Larger than {{x-gateway-limits.max_header_bytes}}.'),
        want: [
          '#/components/responses/ContentTooLarge/description: `{{x-gateway-limits.max_header_bytes}}` names no limit in `x-gateway-limits`',
        ],
      },
    ],
    [
      'a limit missing, one malformed and one unknown',
      {
        given: (spec) => {
          delete limits(spec).idempotency_key_retention_after_session_s;
          limits(spec).webhook_retry_after_statuses = [200];
          limits(spec).max_header_bytes = 8192;
        },
        want: [
          '#/x-gateway-limits: `x-gateway-limits` lacks `idempotency_key_retention_after_session_s`',
          '#/x-gateway-limits/webhook_retry_after_statuses: `x-gateway-limits.webhook_retry_after_statuses` must be a non-empty list of HTTP error statuses (400–599)',
          '#/x-gateway-limits/max_header_bytes: `x-gateway-limits.max_header_bytes` is no limit this spec knows (add it to plugins/gateway-limits.js)',
        ],
      },
    ],
  ])(
    '%s',
    async (_name, { given, want }) => {
      expect((await ruleProblems(given)).sort()).toEqual(want.sort());
    },
    60_000,
  );
});
