// The Python sample of a webhook: a small receiver (`python3 receiver.py --port N`, the secret
// in WEBHOOK_SECRET) that verifies each delivery as Standard Webhooks signs it — HMAC-SHA256
// over the raw body with the standard library only, a constant-time compare, the gateway's
// timestamp tolerance, any of several signatures during a rotation — then handles its webhook
// once per webhook-id and acknowledges every other verified type. The figures, the headers and
// the refusal's problem body come from the spec.
import { dereference } from '@call-control/spec/json-pointer';
import type { ExampleObject, MediaTypeObject, OpenApiDocument, OperationEntry } from './openapi-document.js';
import { pythonLiteral } from './python-literal.js';
import { parameters } from './sample-inputs.js';

/** The Standard Webhooks headers the receiver reads; the spec must declare each on the webhook. */
export const SIGNATURE_HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;
/** The environment variable the receiver reads its `whsec_…` secret from. */
export const SECRET_VARIABLE = 'WEBHOOK_SECRET';
export const TOLERANCE_LIMIT = 'webhook_timestamp_tolerance_s';

interface ResponseObject {
  content?: Record<string, MediaTypeObject>;
}

const [ID_HEADER, TIMESTAMP_HEADER, SIGNATURE_HEADER] = SIGNATURE_HEADERS;

const IMPORTS = `import argparse
import base64
import binascii
import hashlib
import hmac
import json
import os
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer`;

const VERIFY = `def verify(key, webhook_id, timestamp, signatures, body):
    """True when a v1 signature is the HMAC-SHA256 of "{id}.{timestamp}.{raw body}"."""
    if not webhook_id or not timestamp.isdecimal():
        return False
    if abs(time.time() - int(timestamp)) > TIMESTAMP_TOLERANCE_S:
        return False
    signed = f"{webhook_id}.{timestamp}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest())
    # During a secret rotation several signatures come, space-separated: one match is enough.
    return any(
        hmac.compare_digest(signature[3:].encode(), expected)
        for signature in signatures.split(" ")
        if signature.startswith("v1,")
    )`;

const MAIN = `if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=3000)
    args = parser.parse_args()
    secret = os.environ.get("${SECRET_VARIABLE}", "")
    try:
        Receiver.key = base64.b64decode(secret.removeprefix("whsec_"), validate=True)
    except binascii.Error:
        Receiver.key = b""
    if not secret.startswith("whsec_") or not Receiver.key:
        parser.error("${SECRET_VARIABLE} must be your whsec_... secret")
    server = ThreadingHTTPServer((args.host, args.port), Receiver)
    print(f"listening on http://{args.host}:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass`;

export function pythonReceiverSample(document: OpenApiDocument, entry: OperationEntry): string {
  const declared = parameters(document, entry)
    .filter((parameter) => parameter.in === 'header')
    .map((parameter) => parameter.name.toLowerCase());
  const missing = SIGNATURE_HEADERS.filter((header) => !declared.includes(header));
  if (missing.length > 0) throw new Error(`webhook ${entry.name}: the spec does not declare ${missing.join(', ')}`);
  const limits = (document as { 'x-gateway-limits'?: Record<string, unknown> })['x-gateway-limits'] ?? {};
  const tolerance = limits[TOLERANCE_LIMIT];
  if (!Number.isInteger(tolerance)) throw new Error(`x-gateway-limits.${TOLERANCE_LIMIT} is not a whole number`);
  const refusal = signatureProblem(document, entry);
  const docstring = [
    `"""Receives the Call Control API's ${entry.name} webhook (${entry.operation.summary ?? entry.name}), verified.`,
    '',
    'Standard Webhooks, with the standard library only. Run it as',
    `    ${SECRET_VARIABLE}=whsec_... python3 receiver.py --port 3000`,
    'and send the webhooks to http://127.0.0.1:3000/ (the mock gateway: --webhook-url).',
    '"""',
  ].join('\n');
  const constants = [
    `# x-gateway-limits.${TOLERANCE_LIMIT}: a delivery signed further from now is refused.`,
    `TIMESTAMP_TOLERANCE_S = ${tolerance}`,
    "# The answer to a delivery that does not verify (the spec's example).",
    `SIGNATURE_PROBLEM = ${pythonLiteral(refusal.value, '')}`,
  ].join('\n');
  return `${[docstring, IMPORTS, constants].join('\n\n')}\n\n\n${[VERIFY, receiverClass(entry.name, refusal), MAIN].join('\n\n\n')}\n`;
}

/** The request handler: verify, parse, handle the webhook once per webhook-id, acknowledge. */
function receiverClass(webhook: string, refusal: { status: number; contentType: string }): string {
  return `class Receiver(BaseHTTPRequestHandler):
    key = b""  # the secret's bytes: the base64 after whsec_
    seen = set()  # webhook-ids handled: delivery is at least once (keep them in your database)

    def do_POST(self):
        length = self.headers.get("Content-Length", "")
        if not length.isdecimal():
            return self.answer(411)
        body = self.rfile.read(int(length))  # the raw bytes, as they were signed
        webhook_id = self.headers.get("${ID_HEADER}", "")
        timestamp = self.headers.get("${TIMESTAMP_HEADER}", "")
        if not verify(self.key, webhook_id, timestamp, self.headers.get("${SIGNATURE_HEADER}", ""), body):
            return self.answer(${refusal.status}, SIGNATURE_PROBLEM)
        try:
            event = json.loads(body)
            event_type = event["type"]
        except (ValueError, TypeError, KeyError):
            return self.answer(400)
        if event_type == ${pythonLiteral(webhook)} and webhook_id not in self.seen:
            self.seen.add(webhook_id)
            print(event_type, webhook_id, json.dumps(event["data"]), flush=True)
        # Any other type (one added since, say) is verified, acknowledged and ignored.
        self.answer(204)

    def answer(self, status, problem=None):
        body = b"" if problem is None else json.dumps(problem).encode()
        self.send_response(status)
        if problem is not None:
            self.send_header("Content-Type", ${pythonLiteral(refusal.contentType)})
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)`;
}

/** The webhook's refusal for a bad signature: its `4XX` (or first 4xx) answer and that answer's first example. */
function signatureProblem(
  document: OpenApiDocument,
  entry: OperationEntry,
): { status: number; contentType: string; value: unknown } {
  for (const [code, response] of Object.entries(entry.operation.responses ?? {})) {
    if (!/^4(XX|\d\d)$/.test(code)) continue;
    const [contentType, media] =
      Object.entries(dereference<ResponseObject>(document, response as ResponseObject).content ?? {})[0] ?? [];
    const [example] = Object.values(media?.examples ?? {});
    if (contentType === undefined || example === undefined) continue;
    const { value } = dereference<ExampleObject>(document, example);
    const status = (value as { status?: unknown }).status;
    if (Number.isInteger(status)) return { status: status as number, contentType, value };
  }
  throw new Error(`webhook ${entry.name}: no 4xx answer with an example problem for the receiver to send`);
}
