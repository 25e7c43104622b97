// Verifies one webhook delivery: its Standard Webhooks signature (HMAC by the
// `standardwebhooks` library), then its payload against the spec's own schema for its type.
// Runtime-neutral: Web APIs only, and validators compiled ahead of time (src/generated).
import type { WebhookEvent, WebhookEventType } from '@call-control/types';
import type { Webhook } from 'standardwebhooks';
import { timingSafeEqual } from 'standardwebhooks/dist/timing_safe_equal.js';
import { DEFAULT_TOLERANCE_SECONDS, webhookValidators } from './generated/validators.js';
import { signersFor } from './webhook-secret.js';
import { WebhookVerificationError } from './webhook-verification-error.js';

/** Headers as a `Headers` object, or a plain record (as `node:http` gives them). */
export type WebhookHeadersInput = Headers | Record<string, string | readonly string[] | undefined>;

export interface VerifyWebhookOptions {
  /** How far `webhook-timestamp` may be from now, either way; default the spec's `webhook_timestamp_tolerance_s`. */
  toleranceSeconds?: number;
  /** The clock; for tests. */
  now?: () => Date;
}

const REQUIRED_HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;
// Strict: JSON is exchanged as UTF-8 (RFC 8259 §8.1), and a lenient decoder would turn bytes
// that are not into U+FFFD. A leading BOM is skipped, as that section lets a parser do.
const utf8 = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

/**
 * The body's bytes, exactly as received: the signature covers them, so nothing is decoded (and
 * no BOM dropped) before it is checked. A string stands for its UTF-8 encoding.
 */
function bytesOf(body: string | Uint8Array | ArrayBuffer): Uint8Array {
  if (typeof body === 'string') return encoder.encode(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  // Not `instanceof`: an ArrayBuffer from another realm (a worker, a vm context) is one too.
  if (Object.prototype.toString.call(body) === '[object ArrayBuffer]') return new Uint8Array(body);
  throw new TypeError('verifyWebhook: the body must be the raw body, a string, bytes or an ArrayBuffer');
}

function headerValue(headers: WebhookHeadersInput, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | readonly string[] | undefined>;
  const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? value.join(' ') : (value as string | undefined);
}

/**
 * The `v1,` signatures of a webhook-signature header. They are space-separated, but a proxy may
 * split the header into several lines, which `Headers` and node:http join with ", ": a
 * signature is `v1,` and base64 (which has no comma), so a comma that ends an entry is a joint.
 */
function offeredSignatures(header: string): Uint8Array[] {
  return header
    .split(/\s+/)
    .map((entry) => (entry.endsWith(',') ? entry.slice(0, -1) : entry))
    .filter((entry) => entry.startsWith('v1,'))
    .map((entry) => encoder.encode(entry.slice(3)));
}

/** Throws unless one `v1,` signature in the header matches one of the signers' secrets. */
function verifySignature(id: string, timestamp: Date, body: Uint8Array, header: string, signers: readonly Webhook[]) {
  const offered = offeredSignatures(header);
  for (const signer of signers) {
    const expected = encoder.encode(signer.sign(id, timestamp, body).slice(3));
    if (offered.some((signature) => timingSafeEqual(signature, expected))) return;
  }
  throw new WebhookVerificationError(
    'invalid_signature',
    offered.length === 0
      ? 'webhook-signature holds no v1 signature'
      : 'no signature in webhook-signature matches the payload and the secret',
  );
}

/** The payload of an authentic delivery, checked: UTF-8 JSON of a known type, valid by its schema, with the header's id. */
function checkedPayload(bytes: Uint8Array, id: string): WebhookEvent {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new WebhookVerificationError('malformed_json', 'the payload is not UTF-8, which JSON must be');
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (error) {
    throw new WebhookVerificationError('malformed_json', `the payload is not JSON: ${(error as Error).message}`);
  }
  const type = (payload as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !Object.hasOwn(webhookValidators, type)) {
    throw new WebhookVerificationError(
      'unknown_event_type',
      `unknown event type ${JSON.stringify(type)}; expected one of ${Object.keys(webhookValidators).join(', ')}`,
      { violations: [{ pointer: '/type', detail: 'must be a known event type' }] },
    );
  }
  const validate = webhookValidators[type as WebhookEventType];
  if (!validate(payload)) {
    const violations = (validate.errors ?? []).map((error) => ({
      pointer: error.instancePath,
      detail: error.message ?? error.keyword,
    }));
    const first = violations[0];
    throw new WebhookVerificationError(
      'schema_violation',
      `the ${type} payload breaks the spec's schema: ${first?.pointer || '(payload)'} ${first?.detail ?? ''}`.trim(),
      { violations },
    );
  }
  if ((payload as { id: string }).id !== id) {
    throw new WebhookVerificationError('id_mismatch', 'the payload id differs from the webhook-id header', {
      violations: [{ pointer: '/id', detail: 'must equal the webhook-id header' }],
    });
  }
  return payload as WebhookEvent;
}

/**
 * Verifies a delivery and returns its event, typed by `type`. `body` must be the raw body as
 * received, bytes (`Uint8Array`, `Buffer`, `ArrayBuffer`) or a string standing for its UTF-8
 * encoding: the signature covers those exact bytes. `secret` is `whsec_…`, or several during a
 * secret rotation. Throws a `WebhookVerificationError` saying which check failed, or a
 * `TypeError` when `secret` is empty or not a `whsec_` secret, or `body` is not one of those
 * (mistakes of the receiver's).
 */
export function verifyWebhook(
  body: string | Uint8Array | ArrayBuffer,
  headers: WebhookHeadersInput,
  secret: string | readonly string[],
  { toleranceSeconds = DEFAULT_TOLERANCE_SECONDS, now = () => new Date() }: VerifyWebhookOptions = {},
): WebhookEvent {
  const signers = signersFor(secret, 'verifyWebhook');
  const bytes = bytesOf(body);
  const [id, timestampHeader, signatureHeader] = REQUIRED_HEADERS.map((name) => {
    const value = headerValue(headers, name);
    if (value === undefined || value === '') {
      throw new WebhookVerificationError('missing_header', `the ${name} header is missing`, { header: name });
    }
    return value;
  }) as [string, string, string];

  if (!/^\d{1,15}$/.test(timestampHeader)) {
    throw new WebhookVerificationError('invalid_timestamp', 'webhook-timestamp is not Unix seconds', {
      header: 'webhook-timestamp',
    });
  }
  const seconds = Number(timestampHeader);
  const skew = Math.floor(now().getTime() / 1000) - seconds;
  if (skew > toleranceSeconds) {
    throw new WebhookVerificationError(
      'timestamp_too_old',
      `webhook-timestamp is ${skew} s old (tolerance ${toleranceSeconds} s)`,
    );
  }
  if (-skew > toleranceSeconds) {
    throw new WebhookVerificationError(
      'timestamp_too_new',
      `webhook-timestamp is ${-skew} s in the future (tolerance ${toleranceSeconds} s)`,
    );
  }

  verifySignature(id, new Date(seconds * 1000), bytes, signatureHeader, signers);

  return checkedPayload(bytes, id);
}
