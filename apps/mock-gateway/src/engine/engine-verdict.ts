// The question admission asks an engine (one request, as Prism takes it) and the verdict it
// gets back: routed or not, credentials there or not, and each rule of the spec it breaks.
import type { FieldError } from '../common/problems.js';

/**
 * Prism's own mock of a response, when `Prefer` asked for one (the shape of its IHttpResponse,
 * declared here so that no published declaration reaches into Prism's types).
 */
export interface PreferredResponse {
  statusCode: number;
  headers?: Record<string, unknown>;
  body?: unknown;
}

export interface EngineRequest {
  method: string;
  path: string;
  query: Record<string, string[]>;
  headers: Record<string, string>;
  body: unknown;
}

/** An RFC 9457 problem as Prism words it (its own `type` URIs). */
export interface PrismProblem {
  type: string;
  title: string;
  status: number;
  detail: string;
}

export type EngineVerdict =
  | { kind: 'no-route' }
  | { kind: 'no-method'; allow: string[] }
  | {
      kind: 'routed';
      operationId: string;
      /** A credential header the spec's security requires is missing. */
      unauthorized: boolean;
      /** The request breaks the spec, each violation named by pointer, parameter or header. */
      violations: FieldError[];
      /** Set when `Prefer` asked for a specific response: Prism's own mock of it. */
      preferred?: PreferredResponse;
      /** Set when Prism could not give what `Prefer` asked for (an undocumented code, an unknown example). */
      preferredProblem?: PrismProblem;
    };
