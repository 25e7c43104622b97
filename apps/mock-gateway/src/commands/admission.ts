// Admission: whether a request to the API is a command the mock will run, checked in the
// gateway's order — body size (413), route (404/405), credentials (401), media type (415),
// JSON (400), schema (422) — and, when `Prefer` asks, Prism's example answer instead. The
// engine decides route, security and validation; this module turns its verdict into the
// spec's problems and hands on a command that passed.
import type { IncomingMessage } from 'node:http';
import type { EngineVerdict } from '../engine/engine-verdict.js';
import { matchPathTemplate } from '../engine/path-template.js';
import type { RequestEngine } from '../engine/request-engine.js';
import { readJsonBody, unreadBodyProblem } from '../http/json-body.js';
import { readBody } from '../http/request-body.js';
import type { HttpResult } from '../common/http-result.js';
import { accept, type Outcome, PASSED, refuse } from '../common/outcome.js';
import type { Problems } from '../common/problems.js';
import type { CommandEntry, CommandTable } from './command-table.js';
import { appIdOf, type Credentials, checkCredentials } from './credentials.js';
import { SCENARIO_HEADER } from './scenarios.js';

/** A request that passed admission: the command to run, on which session, for whom. */
export interface AdmittedCommand {
  entry: CommandEntry;
  sessionUuid: string;
  appId: string;
  body: { command_uid?: string; cause?: string };
  /** The request path, the problems' `instance`. */
  instance: string;
  /** The `X-Mock-Scenario` header as sent, when it was. */
  scenario: string | undefined;
}

/** The command admitted, or the answer given instead (a problem, or Prism's example for `Prefer`). */
export type Admission = Outcome<AdmittedCommand, HttpResult>;

export interface AdmissionOptions {
  engine: RequestEngine;
  problems: Problems;
  table: CommandTable;
  maxBodyBytes: number;
  /** When set, only this pair is accepted. */
  credentials: Credentials | undefined;
}

type Routed = Extract<EngineVerdict, { kind: 'routed' }>;

const MEDIA_TYPE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+\/[!#$%&'*+.^_`|~0-9A-Za-z-]+\s*(;.*)?$/;

/** The headers as one string each. node:http already joins a repeated header, but for a few (set-cookie): copy only then. */
function headersOf(req: IncomingMessage): Record<string, string> {
  const { headers } = req;
  if (headers['set-cookie'] === undefined) return headers as Record<string, string>;
  const joined: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) joined[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return joined;
}

/**
 * The headers Prism judges the body by. No body is `{}` whatever its Content-Type says (`curl -d ''`
 * and axios send a form type with an empty body); Prism throws on a Content-Type that is not even
 * a media type ("json"), which is a 415 anyway.
 */
function engineHeadersOf(headers: Record<string, string>, empty: boolean): Record<string, string> {
  if (empty) return { ...headers, 'content-type': 'application/json' };
  return MEDIA_TYPE.test(headers['content-type'] ?? 'none/none')
    ? headers
    : { ...headers, 'content-type': 'application/octet-stream' };
}

function queryOf(url: URL): Record<string, string[]> {
  if (url.search === '') return {};
  const query: Record<string, string[]> = {};
  for (const [name, value] of url.searchParams) {
    const values = query[name];
    if (values === undefined) query[name] = [value];
    else values.push(value);
  }
  return query;
}

export function createAdmission({ engine, problems, table, maxBodyBytes, credentials }: AdmissionOptions) {
  /** The checks after routing, in order; refused with the first one's problem. */
  function check(
    req: IncomingMessage,
    verdict: Routed,
    json: ReturnType<typeof readJsonBody>,
    instance: string,
  ): Outcome<undefined, HttpResult> {
    const allowed = verdict.unauthorized
      ? refuse('Send both X-App-ID and X-API-Key.')
      : checkCredentials(req.rawHeaders, credentials);
    if (!allowed.ok) return refuse(problems.of('unauthorized', { detail: allowed.reason, instance }));
    // The media type (415), then JSON (400): the same reader as the control plane's.
    if (!json.ok) return json;
    const body = json.value.value;
    // Prism reads a JSON `null` body as no body at all (which is allowed); it is not an object.
    const violations = [...verdict.violations];
    if (violations.length === 0 && (body === null || typeof body !== 'object' || Array.isArray(body)))
      violations.push({ pointer: '', detail: 'must be object' });
    if (violations.length === 0) return PASSED;
    const rules = `${violations.length} rule${violations.length === 1 ? '' : 's'}`;
    return refuse(
      problems.of('validation-failed', {
        detail: `The request breaks ${rules} of the ${verdict.operationId} command.`,
        instance,
        errors: violations,
      }),
    );
  }

  /** What `Prefer` asked for: Prism's own example-based answer, as `prism mock` gives it. */
  function preferredAnswer(verdict: Routed, prefer: string | undefined, instance: string): HttpResult | undefined {
    const note = `Prefer: ${prefer}`;
    if (verdict.preferredProblem) {
      const { detail, ...type } = verdict.preferredProblem;
      return problems.quoted(type, { detail, instance, note });
    }
    if (!verdict.preferred) return undefined;
    const { statusCode, headers = {}, body } = verdict.preferred;
    const lowerCased = Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [name.toLowerCase(), String(value)]),
    );
    return {
      status: statusCode,
      headers: { 'content-type': 'application/json', ...lowerCased },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      note,
    };
  }

  return {
    /** Whether the request is a command to run; `received` is handed the body once it is read. */
    async admit(req: IncomingMessage, url: URL, received?: (bytes: Buffer) => void): Promise<Admission> {
      const instance = url.pathname;
      const read = await readBody(req, maxBodyBytes);
      if (!read.ok) return refuse(unreadBodyProblem(read.reason, maxBodyBytes, problems, instance));
      received?.(read.value);

      const headers = headersOf(req);
      const json = readJsonBody(read.value, headers, problems, instance);
      const engineHeaders = engineHeadersOf(headers, read.value.length === 0);
      const judged = engine.check({
        method: req.method ?? 'GET',
        path: instance,
        query: queryOf(url),
        headers: engineHeaders,
        // A body refused (415 or 400) is judged as its text: never as a value it is not.
        body: json.ok ? json.value.value : read.value.toString('utf8'),
      });
      // The compiled engine's verdict is there at once: awaiting it would only cost a turn.
      const verdict = judged instanceof Promise ? await judged : judged;
      if (verdict.kind === 'no-route')
        return refuse(problems.status(404, { detail: `There is no ${instance}.`, instance }));
      if (verdict.kind === 'no-method') {
        const allow = verdict.allow.join(', ');
        const detail = `${req.method} is not allowed on ${instance}; use ${allow}.`;
        return refuse(problems.status(405, { detail, instance, headers: { allow } }));
      }
      const checked = check(req, verdict, json, instance);
      if (!checked.ok) return checked;
      const preferred = preferredAnswer(verdict, headers.prefer, instance);
      if (preferred !== undefined) return refuse(preferred);

      const entry = table.get(verdict.operationId as CommandEntry['command'])!;
      const { uuid } = matchPathTemplate(entry.path, instance)!;
      const body = (json.ok ? json.value.value : {}) as AdmittedCommand['body']; // ok: check() passed it
      const scenario = headers[SCENARIO_HEADER];
      return accept({ entry, sessionUuid: uuid!, appId: appIdOf(req.headers), body, instance, scenario });
    },
  };
}
export type CommandAdmission = ReturnType<typeof createAdmission>;
