// The receiver's refusals as RFC 9457 problems, the same shape as the gateway's own, so a
// sender (or a developer with curl) reads why a delivery was not accepted. Their `type` is the
// spec's problem type base (`x-problem-type-base`) followed by the problem's slug.
import { PROBLEM_TYPE_BASE } from './generated/validators.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The JSON text of a problem. */
export function problemJson(status: number, slug: string, title: string, detail: string, extra: object = {}): string {
  return JSON.stringify({ type: `${PROBLEM_TYPE_BASE}${slug}`, title, status, detail, ...extra });
}

export function problemResponse(
  status: number,
  slug: string,
  title: string,
  detail: string,
  extra: object = {},
): Response {
  return new Response(problemJson(status, slug, title, detail, extra), {
    status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE },
  });
}
