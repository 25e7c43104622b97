// Prism's HTTP engine, in-process: routing, the security check, request validation and, when
// the caller asks with `Prefer: code=…` / `example=…`, its own example-based mocking. For an
// ordinary command Prism stops after validation (our `mock` component answers "continue") and
// the gateway layer does what Prism cannot: state, operations, webhooks.
import { createLogger } from '@stoplight/prism-core';
import {
  createInstance,
  getHttpOperationsFromSpec,
  NOT_FOUND,
  ProblemJsonError,
  type IHttpConfig,
  type IHttpResponse,
} from '@stoplight/prism-http';
import prismMockerModule from '@stoplight/prism-http/dist/mocker/index.js';
import prismRouterModule from '@stoplight/prism-http/dist/router/index.js';
import parsePreferHeader from 'parse-prefer-header';
import { escapePointerToken, formatPointer } from '@call-control/spec/json-pointer';
import { matchPathTemplate } from './path-template.js';
import type { EngineRequest, EngineVerdict, PrismProblem } from './engine-verdict.js';
import type { FieldError } from '../common/problems.js';

interface PrismDiagnostic {
  code?: string | number;
  path?: string[];
  message: string;
}

const CONTINUE = { statusCode: 0 } satisfies IHttpResponse;
const right = <T>(value: T) => ({ _tag: 'Right' as const, right: value });

/** Prism's diagnostic → the spec's ProblemFieldError. */
export function toFieldError({ code, path, message }: PrismDiagnostic): FieldError {
  // Prism says "Request body property cause must match …": keep the rule, the field is named apart.
  const detail = message.replace(/^Request (body( property \S+)?|(path|query|header) parameter \S+) /, '');
  const [location, ...rest] = path ?? [];
  if (location === 'path' || location === 'query') return { parameter: rest.join('.'), detail };
  if (location === 'header') return { header: (rest[0] ?? '').toLowerCase(), detail };
  let pointer = formatPointer(rest);
  let rule = detail;
  const unknown = code === 'additionalProperties' ? /found '([^']+)'/.exec(message) : null;
  if (unknown) {
    pointer += `/${escapePointerToken(unknown[1]!)}`;
    rule = 'is not allowed: the command takes no such field';
  } else if (path === undefined && /body parameter is required/i.test(message)) {
    rule = 'a JSON object body is required (send {} for none)';
  }
  return { pointer, detail: rule };
}

/** `Prefer: code=503, example=Name, dynamic=true` → Prism's mock settings, or undefined. */
function preferredMock(prefer: string | undefined): IHttpConfig['mock'] | undefined {
  if (!prefer) return undefined;
  const { code, example, dynamic } = parsePreferHeader(prefer) as Record<string, string | true | undefined>;
  if (code === undefined && example === undefined && dynamic === undefined) return undefined;
  return {
    dynamic: dynamic === 'true' || dynamic === true,
    ...(typeof code === 'string' ? { code: Number(code) } : {}),
    ...(typeof example === 'string' ? { exampleKey: example } : {}),
  };
}

/**
 * Prism's answer to a `Prefer` it cannot meet, as RFC 9457. Prism words most as its own problem;
 * a code it has with an example it lacks fails past its fallback with a plain Error, which is
 * the same "not found" (`prism mock` would answer it with a 500), so it gets Prism's NOT_FOUND.
 */
function notInSpec(error: Error, mock: NonNullable<IHttpConfig['mock']>): PrismProblem {
  if (typeof (error as Partial<ProblemJsonError>).status === 'number') {
    const { type, title, status, detail } = ProblemJsonError.toProblemJson(error as ProblemJsonError);
    return { type, title, status, detail };
  }
  const asked = [
    mock.code === undefined ? '' : `code ${mock.code}`,
    mock.exampleKey === undefined ? '' : `example ${mock.exampleKey}`,
  ]
    .filter(Boolean)
    .join(' with ');
  const { type, title, status } = ProblemJsonError.toProblemJson(ProblemJsonError.fromTemplate(NOT_FOUND, ''));
  return {
    type,
    title,
    status,
    detail: `Prefer asked for ${asked || 'a response'}, which the spec does not have for this operation.`,
  };
}

/**
 * Prism's logger, silenced. `createLogger` needs its level in the options: its third argument
 * is a pino destination, and a string there is a file path (a file named `silent` in the cwd).
 */
export function createSilentPrismLogger(): ReturnType<typeof createLogger> {
  const logger = createLogger('mock-gateway', { level: 'silent' });
  // Prism makes a child logger per request; with logging silenced that is pure cost.
  logger.child = () => logger;
  return logger;
}

export interface PrismEngine {
  /** Routes, checks security and validates one request; mocks it only when `Prefer` asks. */
  check(request: EngineRequest): Promise<EngineVerdict>;
}

export type { EngineRequest, EngineVerdict } from './engine-verdict.js';

export async function createPrismEngine(document: object): Promise<PrismEngine> {
  const operations = await getHttpOperationsFromSpec(document);
  const logger = createSilentPrismLogger();
  const config: IHttpConfig = {
    checkSecurity: true,
    validateRequest: true,
    validateResponse: false,
    errors: false,
    upstreamProxy: undefined,
    isProxy: false,
    mock: { dynamic: false },
  };
  // Prism's own example-based mocker, used only when `Prefer` asks. It is a CommonJS default
  // export: Node hands us module.exports (so `.default`), bundlers and Vitest the function.
  const prismMocker: typeof prismMockerModule.default =
    (prismMockerModule as { default?: typeof prismMockerModule.default }).default ??
    (prismMockerModule as unknown as typeof prismMockerModule.default);
  // Prism's router compiles every path template on every request. Its answer depends only on
  // the method and the path's shape (its literal segments), so remember it per shape — a
  // fresh session UUID per command would otherwise defeat any cache. Bounded, for junk paths.
  const prismRoute: typeof prismRouterModule.default =
    (prismRouterModule as { default?: typeof prismRouterModule.default }).default ??
    (prismRouterModule as unknown as typeof prismRouterModule.default);
  const literals = new Set(
    operations.flatMap((operation) => operation.path.split('/').filter((segment) => !segment.startsWith('{'))),
  );
  const routes = new Map<string, ReturnType<typeof prismRoute>>();
  const route: typeof prismRoute = (options) => {
    const shape = `${options.input.method} ${options.input.url.path
      .split('/')
      .map((segment) => (literals.has(segment) ? segment : '*'))
      .join('/')}`;
    let routed = routes.get(shape);
    if (routed === undefined) {
      if (routes.size >= 1_000) routes.clear();
      routed = prismRoute(options);
      routes.set(shape, routed);
    }
    return routed;
  };

  const prism = createInstance(config, {
    logger,
    route,
    mock: (options) => {
      const { code, exampleKey, dynamic } = options.config;
      if (code !== undefined || exampleKey !== undefined || dynamic) return prismMocker(options);
      // "Continue": the gateway layer answers.
      return () => right(CONTINUE);
    },
  });

  const operationIdOf = (method: string, path: string) =>
    operations.find((operation) => operation.method === method && matchPathTemplate(operation.path, path) !== undefined)
      ?.iid ?? '';

  async function check(request: EngineRequest, mock: IHttpConfig['mock'] | undefined): Promise<EngineVerdict> {
    const method = request.method.toLowerCase() as 'post';
    const input = {
      method,
      url: { path: request.path, query: request.query },
      headers: request.headers,
      body: request.body,
    };
    const result = await prism.request(input, operations, mock ? { ...config, mock } : config)();
    if (result._tag === 'Left') {
      const name = result.left.name;
      if (name.endsWith('NO_METHOD_MATCHED_ERROR')) {
        const allow = operations
          .filter((operation) => matchPathTemplate(operation.path, request.path) !== undefined)
          .map((operation) => operation.method.toUpperCase());
        return { kind: 'no-method', allow };
      }
      if (name.endsWith('NO_PATH_MATCHED_ERROR') || name.endsWith('NO_RESOURCE_PROVIDED_ERROR'))
        return { kind: 'no-route' };
      // `Prefer` asked for what the spec does not have. Prism then drops its verdict on the
      // request, so ask again without `Prefer`: credentials and validation still come first.
      if (mock !== undefined) {
        const preferredProblem = notInSpec(result.left, mock);
        const verdict = await check(request, undefined);
        return verdict.kind === 'routed' ? { ...verdict, preferredProblem } : verdict;
      }
      throw result.left;
    }
    const diagnostics = result.right.validations.input as PrismDiagnostic[];
    const { output } = result.right;
    return {
      kind: 'routed',
      operationId: operationIdOf(method, request.path),
      unauthorized: diagnostics.some((diagnostic) => diagnostic.code === 401),
      violations: diagnostics.filter((diagnostic) => diagnostic.code !== 401).map(toFieldError),
      ...(output.statusCode !== CONTINUE.statusCode ? { preferred: output } : {}),
    };
  }

  return {
    check: (request) => check(request, preferredMock(request.headers.prefer)),
  };
}
