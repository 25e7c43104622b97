// RFC 9457 problem responses, every one the mock gives built here, of three kinds: the API's
// own, with type and title exactly as the spec's problem examples give them (so the mock and
// the docs can never disagree on what a problem is called); the mock's own, from the catalogue
// below; and `about:blank`, titled with the status phrase, for what neither defines (an
// unknown path, a wrong method, HTTP that Node cannot parse).
import { STATUS_CODES } from 'node:http';
import type { HttpResult } from './http-result.js';
import type { ProblemTemplate, SpecModel } from './spec-model.js';

/** One part of the request that breaks its rule (the spec's ProblemFieldError). */
export type FieldError =
  | { pointer: string; detail: string }
  | { parameter: string; detail: string }
  | { header: string; detail: string };

/** The problem kinds the mock answers with; each must exist among the spec's examples. */
export const PROBLEM_SLUGS = [
  'malformed-json',
  'unauthorized',
  'session-not-found',
  'invalid-session-state',
  'command-in-flight',
  'content-too-large',
  'unsupported-media-type',
  'validation-failed',
  'idempotency-key-reused',
  'rate-limited',
  'internal-error',
  'service-unavailable',
] as const;
export type ProblemSlug = (typeof PROBLEM_SLUGS)[number];

/**
 * The mock's own problem types, which only the mock gives (its scenarios, its control plane):
 * slug → status and title. Their `type` is the spec's problem base and the slug, like the API's.
 */
export const MOCK_PROBLEMS = {
  'mock-scenario-invalid': { status: 400, title: 'Invalid mock scenario' },
  'mock-control-invalid': { status: 422, title: 'Invalid mock control' },
  'mock-session-exists': { status: 409, title: 'Session exists' },
  'mock-no-webhook-url': { status: 409, title: 'No webhook URL' },
  'mock-host-not-allowed': { status: 403, title: 'Host not allowed' },
  'mock-cross-site': { status: 403, title: 'Cross-site request' },
  'mock-too-many-subscribers': { status: 503, title: 'Too many subscribers' },
  'mock-too-many-waits': { status: 429, title: 'Too many waits' },
} as const satisfies Record<string, { status: number; title: string }>;
export type MockProblemSlug = keyof typeof MOCK_PROBLEMS;

export interface ProblemDetails {
  detail: string;
  /** The request path; omitted when there is none (a request Node could not parse). */
  instance?: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
  /** For the log line only. */
  note?: string;
}

export type Problems = ReturnType<typeof createProblems>;

export function createProblems(model: SpecModel) {
  const types = new Map<ProblemSlug | MockProblemSlug, ProblemTemplate>();
  for (const slug of PROBLEM_SLUGS) {
    const type = model.problems.get(slug);
    if (type === undefined) throw new Error(`the spec has no example for the ${slug} problem`);
    types.set(slug, type);
  }
  for (const [slug, { status, title }] of Object.entries(MOCK_PROBLEMS))
    types.set(slug as MockProblemSlug, { type: `${model.problemTypeBase}${slug}`, title, status });

  const write = (template: ProblemTemplate, details: ProblemDetails): HttpResult => ({
    status: template.status,
    headers: { 'content-type': 'application/problem+json', ...details.headers },
    ...(details.note ? { note: details.note } : {}),
    problemType: template.type,
    body: JSON.stringify({
      type: template.type,
      title: template.title,
      status: template.status,
      detail: details.detail,
      ...(details.instance ? { instance: details.instance } : {}),
      ...(details.errors ? { errors: details.errors } : {}),
    }),
  });

  return {
    /** A problem of the API's or of the mock's own, by slug. */
    of(slug: ProblemSlug | MockProblemSlug, details: ProblemDetails): HttpResult {
      return write(types.get(slug)!, details);
    },
    /** A problem neither defines: RFC 9457's `about:blank`, titled with the status phrase. */
    status(status: number, details: ProblemDetails): HttpResult {
      return write({ type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status }, details);
    },
    /** A problem as another names it (Prism's, for a `Prefer` it cannot meet). */
    quoted(type: ProblemTemplate, details: ProblemDetails): HttpResult {
      return write(type, details);
    },
  };
}
