// RFC 9457 problem responses, with type and title exactly as the spec's problem examples give
// them, so the mock and the docs can never disagree on what a problem is called.
import type { HttpResult } from './http-result.js';
import type { SpecModel } from './spec-model.js';

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
  for (const slug of PROBLEM_SLUGS) {
    if (!model.problems.has(slug)) throw new Error(`the spec has no example for the ${slug} problem`);
  }

  const write = (template: { type: string; title: string; status: number }, details: ProblemDetails): HttpResult => ({
    status: template.status,
    headers: { 'content-type': 'application/problem+json', ...details.headers },
    ...(details.note ? { note: details.note } : {}),
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
    /** A problem the spec defines, by slug. */
    of(slug: ProblemSlug, details: ProblemDetails): HttpResult {
      return write(model.problems.get(slug)!, details);
    },
    /**
     * A problem outside the API's own operations (an unknown route, a wrong method, a bad
     * mock control): RFC 9457's `about:blank` with the status phrase as title, or a given type.
     */
    plain(status: number, title: string, details: ProblemDetails & { type?: string }): HttpResult {
      return write({ type: details.type ?? 'about:blank', title, status }, details);
    },
  };
}
