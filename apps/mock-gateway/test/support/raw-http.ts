// Raw HTTP requests for inputs fetch() will not send (no Content-Type, chunked bodies, …).
import { request } from 'node:http';
import { connect } from 'node:net';

export function rawRequest(
  base: string,
  {
    method = 'POST',
    path,
    headers = {},
    body,
    chunks,
  }: {
    method?: string;
    path: string;
    headers?: Record<string, string | string[]>;
    body?: string | Buffer;
    chunks?: (string | Buffer)[];
  },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, base), { method, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString('utf8') }),
      );
    });
    req.on('error', reject);
    if (chunks) {
      for (const chunk of chunks) req.write(chunk);
      req.end();
    } else req.end(body);
  });
}

/**
 * Writes bytes straight to a socket, for requests no HTTP client will send (a broken request
 * line or chunk, a body that never ends), and parses the one answer. Rejects if the server
 * neither answers nor closes within `timeoutMs`: a hang is a failure, not a wait.
 */
export function rawSocket(
  base: string,
  payload: string,
  timeoutMs = 5_000,
): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(payload));
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms; got ${JSON.stringify(text)}`));
    }, timeoutMs);
    socket.on('data', (chunk) => (text += chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      const [head = '', body = ''] = text.split('\r\n\r\n', 2);
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const headers = Object.fromEntries(
        headerLines.map((line) => [
          line.slice(0, line.indexOf(':')).toLowerCase(),
          line.slice(line.indexOf(':') + 1).trim(),
        ]),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
    });
  });
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Every HTTP/1.1 response in `text`, in order (bodies framed by Content-Length or chunked). */
export function parseResponses(text: string): RawResponse[] {
  const responses: RawResponse[] = [];
  let rest = text;
  while (rest.startsWith('HTTP/1.1 ')) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) break;
    const [statusLine = '', ...lines] = rest.slice(0, end).split('\r\n');
    const headers = Object.fromEntries(
      lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
    );
    rest = rest.slice(end + 4);
    let body = '';
    if (headers['content-length'] !== undefined) {
      body = rest.slice(0, Number(headers['content-length']));
      rest = rest.slice(body.length);
    } else if (headers['transfer-encoding'] === 'chunked') {
      for (let size = -1; size !== 0; ) {
        const lineEnd = rest.indexOf('\r\n');
        size = parseInt(rest.slice(0, lineEnd), 16);
        body += rest.slice(lineEnd + 2, lineEnd + 2 + size);
        rest = rest.slice(lineEnd + 2 + size + 2);
      }
    }
    // A 100 Continue is an interim answer, not the response.
    if (Number(statusLine.split(' ')[1]) !== 100)
      responses.push({ status: Number(statusLine.split(' ')[1]), headers, body });
  }
  return responses;
}

/**
 * Writes `payload` to a fresh connection (a list: its parts 100 ms apart, so each goes in its
 * own packet) and collects everything the server sends until it closes the connection;
 * `closed` is false when it was still open after `timeoutMs`.
 */
export function rawExchange(
  base: string,
  payload: string | string[],
  timeoutMs = 3_000,
): Promise<{ responses: RawResponse[]; text: string; closed: boolean }> {
  const { hostname, port } = new URL(base);
  const parts = [payload].flat();
  return new Promise((resolve) => {
    const write = (i: number) => {
      if (i >= parts.length || socket.destroyed) return;
      socket.write(parts[i]!);
      setTimeout(() => write(i + 1), 100);
    };
    const socket = connect(Number(port), hostname, () => write(0));
    let text = '';
    let closed = false;
    const done = () => resolve({ responses: parseResponses(text), text, closed });
    const timer = setTimeout(() => {
      socket.destroy();
      done();
    }, timeoutMs);
    socket.on('data', (chunk) => (text += chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      closed = true;
      clearTimeout(timer);
      done();
    });
  });
}
