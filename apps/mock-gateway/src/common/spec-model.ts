// Everything the mock gateway takes from the bundled spec, read once per process: each
// command's path and the timing of its webhooks (`x-webhooks-triggered`), the problem types
// (the spec's named problem examples), the hangup cause codes (`x-cause-codes`), what a
// session UUID looks like (SessionUuid's `pattern`) and the
// gateway's limits (`x-gateway-limits`). Nothing here is typed in again by hand, and nothing
// is read that the mock does not use.
import { statSync } from 'node:fs';
import { bundledSpecJsonPath, loadBundledSpec, resolvePointer } from '@call-control/spec';
import type { CommandError, CommandOperationId, WebhookEventType } from '@call-control/types';

/** One webhook a command triggers, as the spec's timing extension states it. */
export interface TimedWebhook {
  webhook: WebhookEventType;
  /** Set on the entry that also fires when the command times out (answer's command.result). */
  onTimeout?: 'timed_out';
  /** How long the mock waits after the 202 before it sends this webhook. */
  mockDelayMs: number;
}

export interface CommandTiming {
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
  commands: Map<CommandOperationId, CommandTiming>;
  /** Problem templates by slug: the last segment of `type` (`validation-failed`, …). */
  problems: Map<string, ProblemTemplate>;
  /** What every problem type of the spec starts with (`x-problem-type-base`); the mock's own share it. */
  problemTypeBase: string;
  causeCodes: Record<string, number>;
  defaultCause: string;
  /** What a session UUID looks like (the SessionUuid schema's `pattern`): canonical form only. */
  sessionUuid: RegExp;
  /** The `error` of the spec's failed command.result example: what a forced failure reports. */
  failedCommandError: CommandError;
  limits: {
    maxBodyBytes: number;
    webhookResponseTimeoutMs: number;
    webhookRetryScheduleS: number[];
    /** The receiver's answers whose `Retry-After` the gateway honours. */
    webhookRetryAfterStatuses: number[];
  };
}

/**
 * A node of the bundled document, as loosely as `@call-control/spec` types the document itself
 * (readers walk it by key; its shape is the OpenAPI document's, which Redocly checks).
 */
export type SpecNode = ReturnType<typeof loadBundledSpec>;

/** The value at a pointer of the bundle, or an error that names what the spec lacks. */
function required(document: SpecNode, pointer: string): SpecNode {
  try {
    const value = resolvePointer(document, pointer);
    if (value !== undefined && value !== null) return value;
  } catch {}
  throw new Error(`the bundled spec lacks ${pointer}`);
}

function readCommands(document: SpecNode): Map<CommandOperationId, CommandTiming> {
  const commands = new Map<CommandOperationId, CommandTiming>();
  for (const [path, item] of Object.entries<SpecNode>(document.paths)) {
    const timing = required(item, '/post/x-webhooks-triggered');
    commands.set(item.post.operationId, {
      path,
      timeoutMs: timing.timeout_ms,
      webhooks: timing.webhooks.map((entry: SpecNode) => ({
        webhook: entry.webhook,
        ...(entry.on_timeout ? { onTimeout: entry.on_timeout } : {}),
        mockDelayMs: entry.mock_delay_ms,
      })),
    });
  }
  return commands;
}

/** Problem templates by slug, from the spec's named problem examples (`type` = base + slug). */
function readProblems(document: SpecNode, base: string): Map<string, ProblemTemplate> {
  const problems = new Map<string, ProblemTemplate>();
  for (const { value } of Object.values<SpecNode>(document.components.examples)) {
    if (
      typeof value?.type === 'string' &&
      value.type.startsWith(base) &&
      typeof value.title === 'string' &&
      typeof value.status === 'number'
    ) {
      problems.set(value.type.slice(base.length), { type: value.type, title: value.title, status: value.status });
    }
  }
  return problems;
}

// The model of each spec file read in this process, while the file is unchanged: a suite that
// starts a mock per test file (or per test) reads and parses the spec once, not each time. The
// model is only read from (Prism, which changes what it is given, gets a copy).
const models = new Map<string, { mtimeMs: number; model: SpecModel }>();

/** The model of the bundled spec (or of the spec at `path`), read once per process while the file is unchanged. */
export function loadSpecModel(path: string = bundledSpecJsonPath): SpecModel {
  let mtimeMs = Number.NaN;
  try {
    mtimeMs = statSync(path).mtimeMs;
  } catch {
    // A missing file: loadBundledSpec says so, in its own words.
  }
  const known = models.get(path);
  if (known !== undefined && known.mtimeMs === mtimeMs) return known.model;
  const model = readSpecModel(path);
  models.set(path, { mtimeMs, model });
  return model;
}

function readSpecModel(path: string): SpecModel {
  const document: SpecNode = loadBundledSpec(path);
  const limits = required(document, '/x-gateway-limits');
  const problemTypeBase = required(document, '/x-problem-type-base');
  return {
    document,
    commands: readCommands(document),
    problems: readProblems(document, problemTypeBase),
    problemTypeBase,
    causeCodes: required(document, '/components/schemas/HangupCause/x-cause-codes'),
    defaultCause: required(document, '/components/schemas/HangupCause/default'),
    sessionUuid: new RegExp(required(document, '/components/schemas/SessionUuid/pattern')),
    failedCommandError: required(document, '/components/examples/CommandResultFailed/value/data/error'),
    limits: {
      maxBodyBytes: limits.max_body_bytes,
      webhookResponseTimeoutMs: limits.webhook_response_timeout_ms,
      webhookRetryScheduleS: limits.webhook_retry_schedule_s,
      webhookRetryAfterStatuses: limits.webhook_retry_after_statuses,
    },
  };
}
