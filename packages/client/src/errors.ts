// Errors the client throws when there is no HTTP answer to return. Answers with a problem
// status are not thrown: they come back as `error`, as openapi-fetch returns them.

/** The call did not complete within `timeoutMs` (all attempts together). */
export class CallControlTimeoutError extends Error {
  override readonly name = 'CallControlTimeoutError';
  constructor(
    readonly timeoutMs: number,
    options?: { cause?: unknown },
  ) {
    super(`the call did not complete within ${timeoutMs} ms`, options);
  }
}

/** The gateway could not be reached, after every retry the policy allowed. */
export class CallControlNetworkError extends Error {
  override readonly name = 'CallControlNetworkError';
  constructor(
    readonly attempts: number,
    options: { cause: unknown },
  ) {
    super(
      `the gateway could not be reached (${attempts} attempt${attempts === 1 ? '' : 's'}): ${String((options.cause as Error)?.message ?? options.cause)}`,
      options,
    );
  }
}

/**
 * The gateway answered a success the client cannot read (a body that is not JSON, or too
 * large). The command may have run: it is not re-sent. `response` is the answer (body used).
 */
export class CallControlResponseError extends Error {
  override readonly name = 'CallControlResponseError';
  constructor(
    readonly response: Response,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`the gateway answered ${response.status}, but ${reason}; the command may have run`, options);
  }
}

/**
 * The gateway answered a redirect (any 3xx). The contract has none, and following one would
 * hand the API key and the command to wherever it points: the client follows none and sends
 * nothing anywhere else, and never retries it. `location` is where it pointed, resolved against
 * the request's URL, or `null` when there was none or a browser hides it (an opaque redirect).
 * `status` is the 3xx, or 0 when it is not known: a browser hides it, or a `fetch` of the
 * caller's followed the redirect regardless (`response` is then the other origin's answer).
 */
export class CallControlRedirectError extends Error {
  override readonly name = 'CallControlRedirectError';
  constructor(
    readonly response: Response,
    readonly location: string | null,
    readonly status = response.status,
  ) {
    super(
      `the gateway answered a redirect (${status || 'status hidden'}) to ${location ?? 'an unknown Location'}; the client follows none`,
    );
  }
}
