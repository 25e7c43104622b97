// One request of a fuzzing run, sent on a shared keep-alive agent and answered within 1 s.
import { type Agent, request } from 'node:http';

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

export interface FuzzResponse {
  status: number;
  contentType: string | undefined;
  text: string;
  ms: number;
}

/** fast-check's settings for a run: `runs` of them, or FUZZ_SEED's replay. */
export const fuzzRuns = (runs: number) => ({
  numRuns: runs,
  ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}),
});

export function sendRequest(
  base: string,
  agent: Agent,
  { method, path, headers, body }: FuzzRequest,
): Promise<FuzzResponse> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const withBody = method !== 'GET' && method !== 'HEAD';
    // Frame the body (node:http sends a DELETE's body unframed otherwise).
    const framed = withBody ? { ...headers, 'content-length': String(body.length) } : headers;
    const { hostname, port } = new URL(base);
    const req = request({ hostname, port, path, method, headers: framed, agent, timeout: 1_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode!,
          contentType: res.headers['content-type'],
          text: Buffer.concat(chunks).toString(),
          ms: performance.now() - started,
        }),
      );
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 1 s')));
    req.on('error', reject);
    req.end(withBody ? body : undefined);
  });
}
