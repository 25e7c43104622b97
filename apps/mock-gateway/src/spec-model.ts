// Everything the mock gateway takes from the bundled spec, read once at start-up: the
// commands and the timing of their webhooks (`x-webhooks-triggered`), the problem types
// (from the spec's named problem examples), the hangup cause codes (`x-cause-codes`) and the
// gateway's limits (`x-gateway-limits`). Nothing here is typed in again by hand.
import { readFileSync } from 'node:fs';
import { bundledSpecJsonPath } from '@call-control/spec';
import type { CommandError, CommandOperationId, WebhookEventType } from '@call-control/types';

export type Trigger = 'dispatch' | 'execute-complete' | 'teardown';

/** One webhook a command triggers, as the spec's timing extension states it. */
export interface TimedWebhook {
  webhook: WebhookEventType;
  trigger: Trigger;
  /** Set on the entry that also fires when the command times out (answer's command.result). */
  onTimeout?: 'timed_out';
  maxDelayMs: number;
  /** How long the mock waits after the 202 before it sends this webhook. */
  mockDelayMs: number;
}

export interface CommandModel {
  command: CommandOperationId;
  /** The path template, `/api/v1/sessions/{uuid}/commands/answer`. */
  path: string;
  timeoutMs: number;
  /** In the order they are sent. */
  webhooks: TimedWebhook[];
}

export interface ProblemTemplate {
  type: string;
  title: string;
  status: number;
}

export interface SpecModel {
  /** The bundled document itself (Prism reads its operations from it). */
  document: Record<string, unknown>;
  commands: Map<CommandOperationId, CommandModel>;
  /** Problem templates by slug: the last segment of `type` (`validation-failed`, …). */
  problems: Map<string, ProblemTemplate>;
  causeCodes: Record<string, number>;
  defaultCause: string;
  /** The `error` of the spec's failed command.result example: what a forced failure reports. */
  failedCommandError: CommandError;
  limits: {
    maxBodyBytes: number;
    webhookResponseTimeoutMs: number;
    webhookRetryScheduleS: number[];
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined || value === null) throw new Error(`the bundled spec lacks ${what}`);
  return value;
}

export function loadSpecModel(path: string = bundledSpecJsonPath): SpecModel {
  const document: Json = JSON.parse(readFileSync(path, 'utf8'));
  const schemas = document.components.schemas;

  const commands = new Map<CommandOperationId, CommandModel>();
  for (const [pathTemplate, item] of Object.entries<Json>(document.paths)) {
    const operation = item.post;
    const timing = required(operation?.['x-webhooks-triggered'], `x-webhooks-triggered on ${pathTemplate}`);
    commands.set(operation.operationId, {
      command: operation.operationId,
      path: pathTemplate,
      timeoutMs: timing.timeout_ms,
      webhooks: timing.webhooks.map((entry: Json) => ({
        webhook: entry.webhook,
        trigger: entry.trigger,
        ...(entry.on_timeout ? { onTimeout: entry.on_timeout } : {}),
        maxDelayMs: entry.max_delay_ms,
        mockDelayMs: entry.mock_delay_ms,
      })),
    });
  }

  const problems = new Map<string, ProblemTemplate>();
  for (const { value } of Object.values<Json>(document.components.examples)) {
    if (typeof value?.type === 'string' && typeof value.title === 'string' && typeof value.status === 'number') {
      problems.set(value.type.split('/').pop(), { type: value.type, title: value.title, status: value.status });
    }
  }

  const limits = required(document['x-gateway-limits'], 'x-gateway-limits');
  return {
    document,
    commands,
    problems,
    causeCodes: required(schemas.HangupCause?.['x-cause-codes'], 'x-cause-codes on HangupCause'),
    defaultCause: required(schemas.HangupCause?.default, 'a default on HangupCause'),
    failedCommandError: required(
      document.components.examples.CommandResultFailed?.value?.data?.error,
      'the CommandResultFailed example',
    ),
    limits: {
      maxBodyBytes: limits.max_body_bytes,
      webhookResponseTimeoutMs: limits.webhook_response_timeout_ms,
      webhookRetryScheduleS: limits.webhook_retry_schedule_s,
    },
  };
}
