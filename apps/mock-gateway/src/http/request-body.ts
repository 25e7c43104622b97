// Reads a request body up to a limit. Past the limit it stops reading at once (413), so a
// huge or endless body costs nothing more than its first bytes.
import type { IncomingMessage } from 'node:http';
import { accept, type Outcome, refuse } from '../common/outcome.js';

/** Why a body was not read in full. */
export type BodyUnread =
  | { kind: 'too-large'; declared: number | null }
  /** The client went away (or the connection broke) before the body was complete. */
  | { kind: 'aborted' };

/** The body's bytes, or why they were not read: past the limit, or never complete. */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Outcome<Buffer, BodyUnread>> {
  const declared = req.headers['content-length'] === undefined ? null : Number(req.headers['content-length']);
  if (declared !== null && declared > maxBytes) {
    return Promise.resolve(refuse({ kind: 'too-large', declared }));
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.off('data', onData);
        req.pause();
        resolve(refuse({ kind: 'too-large', declared }));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(accept(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks))));
    // After 'end' these are no-ops (the promise is settled); before it, nothing more will come.
    req.on('error', () => resolve(refuse({ kind: 'aborted' })));
    req.on('close', () => resolve(refuse({ kind: 'aborted' })));
  });
}
