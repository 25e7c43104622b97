// What the mock reads from the bundle, checked against the bundle itself.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSpecModel } from '../../src/common/spec-model.js';
import { spec } from '../support/spec.js';

const model = loadSpecModel();
const dir = mkdtempSync(join(tmpdir(), 'spec-model-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of the bundle with one change, written where loadSpecModel can read it. */
function variant(change: (copy: typeof spec) => void): string {
  const copy = structuredClone(spec);
  change(copy);
  const path = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(copy));
  return path;
}

describe('loadSpecModel', () => {
  it('reads each command, its path and the timing of its webhooks', () => {
    for (const [path, item] of Object.entries<{
      post: {
        operationId: string;
        'x-webhooks-triggered': { timeout_ms: number; webhooks: { webhook: string; mock_delay_ms: number }[] };
      };
    }>(spec.paths)) {
      const timing = item.post['x-webhooks-triggered'];
      expect(model.commands.get(item.post.operationId as never)).toEqual({
        path,
        timeoutMs: timing.timeout_ms,
        webhooks: timing.webhooks.map((entry) =>
          expect.objectContaining({ webhook: entry.webhook, mockDelayMs: entry.mock_delay_ms }),
        ),
      });
    }
  });

  it('reads every problem example by its slug after x-problem-type-base', () => {
    expect(model.problemTypeBase).toBe(spec['x-problem-type-base']);
    const problems = Object.values<{ value: { type?: string; title?: string; status?: number } }>(
      spec.components.examples,
    ).filter(({ value }) => typeof value?.status === 'number');
    expect(model.problems.size).toBe(new Set(problems.map(({ value }) => value.type)).size);
    for (const { value } of problems)
      expect(model.problems.get(value.type!.slice(model.problemTypeBase.length))).toEqual({
        type: value.type,
        title: value.title,
        status: value.status,
      });
  });

  it('reads the limits, the cause codes and the failed example', () => {
    const limits = spec['x-gateway-limits'];
    expect(model.limits).toEqual({
      maxBodyBytes: limits.max_body_bytes,
      webhookResponseTimeoutMs: limits.webhook_response_timeout_ms,
      webhookRetryScheduleS: limits.webhook_retry_schedule_s,
      webhookRetryAfterStatuses: limits.webhook_retry_after_statuses,
    });
    expect(model.causeCodes).toEqual(spec.components.schemas.HangupCause['x-cause-codes']);
    expect(model.defaultCause).toBe(spec.components.schemas.HangupCause.default);
    expect(model.sessionUuid.source).toBe(spec.components.schemas.SessionUuid.pattern);
    expect(model.failedCommandError).toEqual(spec.components.examples.CommandResultFailed.value.data.error);
  });

  it.each<[string, (copy: typeof spec) => void, string]>([
    ['no x-gateway-limits', (copy) => delete copy['x-gateway-limits'], 'the bundled spec lacks /x-gateway-limits'],
    [
      'a command without timing',
      (copy) => delete Object.values<{ post: Record<string, unknown> }>(copy.paths)[0]!.post['x-webhooks-triggered'],
      'the bundled spec lacks /post/x-webhooks-triggered',
    ],
    [
      'no cause codes',
      (copy) => delete copy.components.schemas.HangupCause['x-cause-codes'],
      'the bundled spec lacks /components/schemas/HangupCause/x-cause-codes',
    ],
    [
      'no problem type base',
      (copy) => delete copy['x-problem-type-base'],
      'the bundled spec lacks /x-problem-type-base',
    ],
  ])('says what a spec with %s lacks', (_name, change, message) => {
    expect(() => loadSpecModel(variant(change))).toThrow(message);
  });
});
