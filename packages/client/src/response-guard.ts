// Bounds what the client reads of a response. The API's bodies are a few hundred bytes, but
// something in front of the gateway could answer with anything: a 200 MB body read whole
// costs several times its size in memory. openapi-fetch middleware, so `raw` has it too.
import type { Middleware } from 'openapi-fetch';
import { CallControlResponseError } from './errors.js';

/** The most of a response body the client reads (64 KiB, well over any answer of the API). */
export const MAX_RESPONSE_BYTES = 65_536;

/** The whole body, or undefined (and the rest cancelled) once it is over MAX_RESPONSE_BYTES. */
async function readCapped(body: ReadableStream<Uint8Array>): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_RESPONSE_BYTES) {
      void reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

export const responseGuard: Middleware = {
  async onResponse({ response }) {
    const { body, headers } = response;
    const declared = headers.get('content-length');
    // A declared length bounds what fetch reads, unless the body is compressed (fetch inflates it).
    if (body === null || (declared !== null && +declared <= MAX_RESPONSE_BYTES && !headers.has('content-encoding')))
      return undefined;
    const bytes = +(declared ?? 0) > MAX_RESPONSE_BYTES ? void body.cancel() : await readCapped(body);
    if (bytes !== undefined) return new Response(bytes, response);
    const reason = `its body is over ${MAX_RESPONSE_BYTES} bytes`;
    if (response.ok) throw new CallControlResponseError(response, reason);
    // An error status still says what happened: keep it, with a body that says why it is empty.
    return new Response(`The response was not read: ${reason}.`, {
      status: response.status,
      statusText: response.statusText,
    });
  },
};
