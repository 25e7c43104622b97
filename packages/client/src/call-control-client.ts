// createCallControlClient: openapi-fetch over the generated `paths`, with the auth headers as
// middleware, a generated `command_uid` so retries are safe, the retry policy, and timeouts.
import type { paths } from '@call-control/types';
import createClient, { type Client, type FetchResponse } from 'openapi-fetch';
import { authMiddleware } from './auth-middleware.js';
import { checkTimeoutMs } from './call-timeout.js';
import { CallControlResponseError, CallControlTimeoutError } from './errors.js';
import { redirectGuard } from './redirect-guard.js';
import { responseGuard } from './response-guard.js';
import { resolveRetryPolicy, type RetryOption } from './retry-policy.js';
import { sendWithRetries, type OnRetry } from './send-with-retries.js';

/** A fetch to send requests with (openapi-fetch calls it with a finished Request). */
export type Fetch = (input: Request, init?: RequestInit) => Promise<Response>;

export interface CallControlClientOptions {
  /** The gateway, e.g. `https://gateway.example.com` (the paths carry `/api/v1/…`); no query string or fragment. */
  baseUrl: string;
  appId: string;
  apiKey: string;
  /** A fetch to use instead of the global one; it must honour the Request's `redirect` mode, as every standard fetch does. */
  fetch?: Fetch;
  /** Each call, retries included, must complete within this; default 30 s. `Infinity` for none; at most 2³¹−1 ms is kept. */
  timeoutMs?: number;
  /** The retry policy, or `false` for none. */
  retry?: RetryOption;
  /** Called before each retry. */
  onRetry?: OnRetry;
}

export interface CallOptions {
  /** Cancels the call (and its retries). */
  signal?: AbortSignal;
  /** Overrides the client's timeout for this call. */
  timeoutMs?: number;
}

/**
 * The client method of each operation in the spec's `paths`. Keyed by path and checked
 * against the generated types: an operation added to the spec fails to compile here until it
 * has a method.
 */
const COMMAND_METHODS = {
  '/api/v1/sessions/{uuid}/commands/answer': 'answer',
  '/api/v1/sessions/{uuid}/commands/hangup': 'hangup',
  '/api/v1/sessions/{uuid}/commands/disconnect': 'disconnect',
} as const satisfies Record<keyof paths, string>;

type CommandPath = keyof typeof COMMAND_METHODS;
type MethodName = (typeof COMMAND_METHODS)[CommandPath];
type PathOf<Name extends MethodName> = {
  [P in CommandPath]: (typeof COMMAND_METHODS)[P] extends Name ? P : never;
}[CommandPath];

/** The JSON body a command takes (every field optional). */
export type CommandBody<Name extends MethodName> = NonNullable<
  paths[PathOf<Name>]['post']['requestBody']
>['content']['application/json'];

/**
 * What every command method returns: openapi-fetch's `{ data, error, response }`, with `data` as
 * a `parseAs: 'json'` request reads it (the method parses the body itself, see readResult).
 */
export type CommandResponse<Name extends MethodName> = FetchResponse<
  paths[PathOf<Name>]['post'],
  { parseAs: 'json' },
  `${string}/${string}`
>;

/**
 * The `command_uid` the client makes up when the caller gives none. Typed from the spec, so a
 * change to the field's type there fails to compile here until the client follows.
 */
const newCommandUid = (): NonNullable<CommandBody<MethodName>['command_uid']> => crypto.randomUUID();

export type CommandMethod<Name extends MethodName> = (
  uuid: string,
  body?: CommandBody<Name>,
  options?: CallOptions,
) => Promise<CommandResponse<Name>>;

export type CallControlClient = { [Name in MethodName]: CommandMethod<Name> } & {
  /** The underlying openapi-fetch client, with the auth middleware, the response size bound and no redirects (no retries, no timeout). */
  readonly raw: Client<paths>;
};

/**
 * The result as the caller reads it. A success's body is parsed here (openapi-fetch hands it
 * over as text), so that one which is not JSON is a CallControlResponseError — the gateway did
 * answer, the command may have run — and not a network failure to retry. Something in front of
 * the gateway (a proxy, a load balancer) can answer an error without a problem body — an HTML
 * 502, an empty 503. `error` is typed as a Problem, so make it one.
 */
function readResult<Result extends { data?: unknown; error?: unknown; response: Response }>(result: Result): Result {
  const { data, error, response } = result;
  if (response.ok) {
    try {
      return { ...result, data: data ? JSON.parse(data as string) : undefined };
    } catch (cause) {
      throw new CallControlResponseError(response, 'its body is not JSON', { cause });
    }
  }
  if (error === undefined || (error !== null && typeof error === 'object')) return result;
  const text = typeof error === 'string' ? error.trim() : '';
  return {
    ...result,
    error: {
      type: 'about:blank',
      title: response.statusText || `HTTP ${response.status}`,
      status: response.status,
      detail: text === '' ? `The response had no problem body (HTTP ${response.status}).` : text.slice(0, 500),
    },
  };
}

export function createCallControlClient(options: CallControlClientOptions): CallControlClient {
  // openapi-fetch appends the path to baseUrl as text: a query or a fragment would end up inside it.
  if (/[?#]/.test(options.baseUrl)) throw new TypeError('baseUrl must not have a query string or a fragment');
  const policy = resolveRetryPolicy(options.retry);
  // No redirect is followed (see redirect-guard): 'manual', so a 3xx comes back to be refused.
  const raw = createClient<paths>({
    baseUrl: options.baseUrl,
    redirect: 'manual',
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  // onResponse runs last to first: a redirect is refused before any body is read.
  raw.use(authMiddleware(options), responseGuard, redirectGuard);
  const defaultTimeoutMs = checkTimeoutMs(options.timeoutMs ?? 30_000);

  const method =
    <Path extends CommandPath>(path: Path): CommandMethod<(typeof COMMAND_METHODS)[Path]> =>
    async (uuid, body, callOptions = {}) => {
      // A command_uid of our own when the caller gave none, so a retry is the same command.
      const withUid = { ...body, command_uid: body?.command_uid ?? newCommandUid() };
      const timeoutMs = callOptions.timeoutMs === undefined ? defaultTimeoutMs : checkTimeoutMs(callOptions.timeoutMs);
      const deadline = Date.now() + timeoutMs;
      // A timer cleared when the call ends, not AbortSignal.timeout: that one stays armed for
      // the full timeout after the call is over, so a busy app would hold rate × timeoutMs of
      // live timers and signals (and it costs more per call). No timer at all for Infinity.
      const timeout = new AbortController();
      const timer =
        deadline < Infinity
          ? setTimeout(
              () => timeout.abort(new DOMException(`The call took longer than ${timeoutMs} ms`, 'TimeoutError')),
              timeoutMs,
            )
          : undefined;
      const signal = callOptions.signal ? AbortSignal.any([callOptions.signal, timeout.signal]) : timeout.signal;
      try {
        // The body's shape is checked by CommandBody; one POST call serves every path.
        const init = { params: { path: { uuid } }, body: withUid as never, signal, parseAs: 'text' as const };
        const send = () => raw.POST(path as '/api/v1/sessions/{uuid}/commands/hangup', init);
        const result = await sendWithRetries(send, { policy, signal, deadline, onRetry: options.onRetry });
        return readResult(result) as never;
      } catch (error) {
        if (timeout.signal.aborted && !callOptions.signal?.aborted)
          throw new CallControlTimeoutError(timeoutMs, { cause: error });
        throw error;
      } finally {
        clearTimeout(timer);
      }
    };

  const methods = Object.fromEntries(
    (Object.keys(COMMAND_METHODS) as CommandPath[]).map((path) => [COMMAND_METHODS[path], method(path)]),
  ) as { [Name in MethodName]: CommandMethod<Name> };
  return { ...methods, raw };
}
