// One HTTP request as the kit sends it: the exact bytes and headers given, redirects not
// followed (a 3xx is an answer to judge), a deadline, and the answer read in full. Failures to
// get an answer come back as a reason, never as an exception.
export interface SendInput {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export interface Answer {
  status: number;
  headers: Headers;
  body: string;
  /** From sending to the status line. */
  ms: number;
}

export type SendResult = ({ ok: true } & Answer) | { ok: false; reason: string; ms: number };

/** Why a request got no answer, in a few words (`ECONNREFUSED`, `no answer within 15000 ms`). */
export function failureReason(error: unknown, timeoutMs: number): string {
  const failure = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (failure.name === 'TimeoutError' || failure.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  return failure.cause?.code ?? failure.cause?.message ?? failure.message ?? String(error);
}

export async function send({ url, method = 'POST', headers = {}, body, timeoutMs }: SendInput): Promise<SendResult> {
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method,
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const ms = performance.now() - started;
    return { ok: true, status: response.status, headers: response.headers, body: await response.text(), ms };
  } catch (error) {
    return { ok: false, reason: failureReason(error, timeoutMs), ms: performance.now() - started };
  }
}
