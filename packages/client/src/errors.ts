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
