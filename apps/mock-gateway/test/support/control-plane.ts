// The control plane held to its own OpenAPI document (dist/control-plane.json, bundled from
// openapi/ by the build): every answer a test gets from /__mock/… goes through `control()`,
// which fails the test unless its status is documented for that operation, its media type is
// one the document lists, and its body is valid against the documented schema. The event
// stream's messages are held to the StreamMessage schema the same way.
import { readFileSync } from 'node:fs';
import { formatPointer } from '@call-control/spec';
import { createSpecValidator } from '@call-control/spec/validator';
import { expect } from 'vitest';
import { matchPathTemplate } from '../../src/engine/path-template.js';

/** A JSON value read by key, as the tests read the answers; its shape is held to the document by controlViolations. */
// biome-ignore lint/suspicious/noExplicitAny: each answer is checked against the control plane's document, not against a type
type Json = any;

export const controlPlane: Json = JSON.parse(
  readFileSync(new URL('../../dist/control-plane.json', import.meta.url), 'utf8'),
);
const { validatorFor } = createSpecValidator(controlPlane);

/** The violations of a value against the schema at a pointer of the control-plane document. */
export function controlViolations(pointer: string, value: unknown): string[] {
  const validate = validatorFor(pointer);
  return validate(value)
    ? []
    : (validate.errors ?? []).map((error) => `${error.instancePath || '(root)'} ${error.message}`);
}

/** A `$ref`'s pointer, or the pointer we came by: where the value really is. */
function follow(pointer: string[]): string[] {
  let at: Json = controlPlane;
  for (const token of pointer) at = at[token];
  return typeof at?.$ref === 'string'
    ? follow(
        at.$ref
          .slice(2)
          .split('/')
          .map((token: string) => token.replaceAll('~1', '/').replaceAll('~0', '~')),
      )
    : pointer;
}

const resolve = (tokens: string[]): Json => tokens.reduce((node: Json, token) => node?.[token], controlPlane);

/** The documented path template a request path falls under. */
function templateOf(path: string): string | undefined {
  return Object.keys(controlPlane.paths).find((template) => matchPathTemplate(template, path) !== undefined);
}

export interface ControlAnswer {
  response: Response;
  body: Json;
}

/**
 * Calls the control plane and holds the answer to the document: a documented operation and
 * status, a listed media type, a body valid against its schema. An undocumented path or
 * method must be a 404 or 405 problem.
 */
export async function control(
  base: string,
  method: string,
  path: string,
  init: { headers?: Record<string, string>; body?: string } = {},
): Promise<ControlAnswer> {
  // A body is sent as JSON, as the control plane reads it, unless the test says otherwise.
  const json: Record<string, string> = init.body === undefined ? {} : { 'content-type': 'application/json' };
  const response = await fetch(`${base}${path}`, { method, ...init, headers: { ...json, ...init.headers } });
  const text = await response.text();
  const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
  const body = mediaType.endsWith('json') && text !== '' ? JSON.parse(text) : text;
  const template = templateOf(new URL(path, base).pathname);
  const operation = template === undefined ? undefined : controlPlane.paths[template][method.toLowerCase()];
  if (operation === undefined) {
    expect(response.status, `${method} ${path} is not documented, so it must be refused`).toBe(
      template === undefined ? 404 : 405,
    );
    expect(controlViolations('#/components/schemas/Problem', body)).toEqual([]);
    return { response, body };
  }
  const responseTokens = follow(['paths', template!, method.toLowerCase(), 'responses', String(response.status)]);
  const documented = resolve(responseTokens);
  expect(
    documented,
    `${method} ${template} does not document a ${response.status} (${text.slice(0, 200)})`,
  ).toBeDefined();
  expect(Object.keys(documented.content ?? {}), `${method} ${template} ${response.status}: media type`).toContain(
    mediaType,
  );
  if (mediaType.endsWith('json')) {
    const pointer = `#${formatPointer([...responseTokens, 'content', mediaType, 'schema'])}`;
    expect(controlViolations(pointer, body), `${method} ${path} ${response.status}: ${text.slice(0, 300)}`).toEqual([]);
  }
  return { response, body };
}

export interface StreamMessage {
  id: string;
  event: string;
  data: Json;
}

/**
 * Reads `GET /__mock/events` until `until` holds for the messages so far (or `timeoutMs`
 * passes: then it fails), each message checked against StreamMessage. Closes the connection.
 */
export async function readStream(
  base: string,
  until: (messages: StreamMessage[]) => boolean,
  {
    headers = {},
    timeoutMs = 5_000,
    onOpen,
  }: { headers?: Record<string, string>; timeoutMs?: number; onOpen?: () => unknown } = {},
): Promise<StreamMessage[]> {
  const abort = new AbortController();
  const timer = setTimeout(
    () => abort.abort(new Error(`the stream did not deliver what was awaited within ${timeoutMs} ms`)),
    timeoutMs,
  );
  const messages: StreamMessage[] = [];
  try {
    const stream = await fetch(`${base}/__mock/events`, { headers, signal: abort.signal });
    // The answer as documented (its body never ends, so control() cannot read it).
    expect(stream.status).toBe(200);
    expect(Object.keys(controlPlane.paths['/__mock/events'].get.responses['200'].content)).toContain(
      stream.headers.get('content-type')!.split(';')[0],
    );
    await onOpen?.();
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    while (!until(messages)) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const fields = Object.fromEntries(
          buffer
            .slice(0, end)
            .split('\n')
            .filter((line) => !line.startsWith(':') && !line.startsWith('retry:'))
            .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
        );
        buffer = buffer.slice(end + 2);
        if (fields.data === undefined) continue;
        const message = { id: fields.id!, event: fields.event!, data: JSON.parse(fields.data) };
        expect(controlViolations('#/components/schemas/StreamMessage', message), JSON.stringify(message)).toEqual([]);
        messages.push(message);
      }
    }
    return messages;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}
