import { Webhook, WebhookVerificationError as LibraryVerificationError } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { signWebhook } from '../src/sign-webhook.js';
import { verifyWebhook, type WebhookHeadersInput } from '../src/verify-webhook.js';
import { WebhookVerificationError } from '../src/webhook-verification-error.js';
import {
  OTHER_KEY,
  OTHER_SECRET,
  SECRET,
  example,
  exampleWebhooks,
  independentHeaders,
  nowSeconds,
  spec,
  type SpecNode,
  withData,
} from './support/fixtures.js';

function failure(run: () => unknown): WebhookVerificationError {
  try {
    run();
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error;
    throw error;
  }
  throw new Error('expected a WebhookVerificationError, but verification passed');
}

describe('round trips: every example webhook in the spec', () => {
  it.each(exampleWebhooks)('%s / %s: sign → verify → typed event', (webhook, _name, event) => {
    const body = JSON.stringify(event);
    const verified = verifyWebhook(body, signWebhook({ id: event.id, body, secret: SECRET }), SECRET);
    expect(verified).toEqual(event);
    expect(verified.type).toBe(webhook);
  });

  it('covers every webhook of the spec', () => {
    expect(new Set(exampleWebhooks.map(([webhook]) => webhook))).toEqual(new Set(Object.keys(spec.webhooks)));
  });
});

describe('signatures', () => {
  const event = example('CommandResultSucceeded');
  const body = JSON.stringify(event);
  const headers = independentHeaders(event.id, body);

  it('accepts a vector signed independently with node:crypto', () => {
    expect(verifyWebhook(body, headers, SECRET).id).toBe(event.id);
  });

  it('accepts the body as bytes and the headers as a Headers object', () => {
    expect(verifyWebhook(new TextEncoder().encode(body), new Headers(headers), SECRET).id).toBe(event.id);
  });

  const flipByte = (text: string, at: number) =>
    text.slice(0, at) + String.fromCharCode(text.charCodeAt(at) ^ 1) + text.slice(at + 1);

  it.each<[string, { body: string; headers: Record<string, string>; secret: string | string[] }]>([
    ['one changed byte of the body', { body: flipByte(body, 40), headers, secret: SECRET }],
    [
      'one changed byte of the id',
      { body, headers: { ...headers, 'webhook-id': flipByte(headers['webhook-id'], 5) }, secret: SECRET },
    ],
    [
      'one changed byte of the timestamp',
      {
        body,
        headers: { ...headers, 'webhook-timestamp': String(Number(headers['webhook-timestamp']) - 1) },
        secret: SECRET,
      },
    ],
    ['a wrong secret', { body, headers, secret: OTHER_SECRET }],
    ['no v1 signature at all', { body, headers: { ...headers, 'webhook-signature': 'v1a,abc' }, secret: SECRET }],
  ])('rejects %s as invalid_signature', (_case, { body: sentBody, headers: sentHeaders, secret }) => {
    expect(failure(() => verifyWebhook(sentBody, sentHeaders, secret)).reason).toBe('invalid_signature');
  });

  it('accepts a rotated secret list, whichever secret signed', () => {
    const signedWithNew = independentHeaders(event.id, body, { key: OTHER_KEY });
    expect(verifyWebhook(body, signedWithNew, [SECRET, OTHER_SECRET]).id).toBe(event.id);
    expect(verifyWebhook(body, headers, [SECRET, OTHER_SECRET]).id).toBe(event.id);
  });

  it('accepts several v1 signatures in one header when one matches', () => {
    const both = signWebhook({ id: event.id, body, secret: [OTHER_SECRET, SECRET] });
    expect(both['webhook-signature'].split(' ')).toHaveLength(2);
    expect(verifyWebhook(body, both, SECRET).id).toBe(event.id);
  });

  // A proxy may send webhook-signature as two header lines; fetch's Headers and node:http join
  // repeated lines with ", ", a framework may hand them over as an array.
  describe('a webhook-signature header sent as two lines', () => {
    const good = headers['webhook-signature'];
    const other = independentHeaders(event.id, body, { key: OTHER_KEY })['webhook-signature'];
    const asHeaders = (lines: string[]) => {
      const joined = new Headers(headers);
      joined.delete('webhook-signature');
      for (const line of lines) joined.append('webhook-signature', line);
      return joined;
    };
    const forms: [string, (lines: string[]) => WebhookHeadersInput][] = [
      ['Headers', asHeaders],
      ['a record with the joined string', (lines) => ({ ...headers, 'webhook-signature': lines.join(', ') })],
      ['a record with an array', (lines) => ({ ...headers, 'webhook-signature': lines })],
    ];

    it.each(forms)('accepts them as %s when one signature matches, first or last', (_form, build) => {
      expect(asHeaders([other, good]).get('webhook-signature')).toBe(`${other}, ${good}`);
      expect(verifyWebhook(body, build([other, good]), SECRET).id).toBe(event.id);
      expect(verifyWebhook(body, build([good, other]), SECRET).id).toBe(event.id);
      expect(verifyWebhook(body, build([`${other} ${good}`, other]), SECRET).id).toBe(event.id);
    });

    it.each(forms)('still rejects them as %s when none matches', (_form, build) => {
      expect(failure(() => verifyWebhook(body, build([other, other]), SECRET)).reason).toBe('invalid_signature');
    });
  });

  it.each([
    ['6 minutes old', -360, 'timestamp_too_old'],
    ['6 minutes in the future', 360, 'timestamp_too_new'],
  ])('rejects a timestamp %s', (_case, offset, reason) => {
    const stale = independentHeaders(event.id, body, { seconds: nowSeconds() + offset });
    expect(failure(() => verifyWebhook(body, stale, SECRET)).reason).toBe(reason);
  });

  it('accepts a 6-minute-old timestamp when the tolerance allows it', () => {
    const stale = independentHeaders(event.id, body, { seconds: nowSeconds() - 360 });
    expect(verifyWebhook(body, stale, SECRET, { toleranceSeconds: 600 }).id).toBe(event.id);
  });

  it.each(['webhook-id', 'webhook-timestamp', 'webhook-signature'])('rejects a missing %s header', (name) => {
    const { [name as keyof typeof headers]: _dropped, ...rest } = headers;
    const error = failure(() => verifyWebhook(body, rest, SECRET));
    expect([error.reason, error.header, error.isSignatureFailure]).toEqual(['missing_header', name, true]);
  });

  it('rejects a timestamp that is not Unix seconds', () => {
    const error = failure(() => verifyWebhook(body, { ...headers, 'webhook-timestamp': '2026-11-24' }, SECRET));
    expect([error.reason, error.header]).toEqual(['invalid_timestamp', 'webhook-timestamp']);
  });
});

describe('payloads', () => {
  const signed = (payload: string, id = 'evt_0123') => [payload, independentHeaders(id, payload), SECRET] as const;

  it('rejects malformed JSON', () => {
    const error = failure(() => verifyWebhook(...signed('{"id":"evt_0123",')));
    expect([error.reason, error.isSignatureFailure]).toEqual(['malformed_json', false]);
  });

  it('rejects an unknown event type', () => {
    const event = { ...example('CallAnswered'), type: 'not.a_webhook' };
    const error = failure(() => verifyWebhook(...signed(JSON.stringify(event), event.id)));
    expect([error.reason, error.pointer]).toEqual(['unknown_event_type', '/type']);
  });

  // ADR 0005: commands are an open set, so a result for a command added later is valid.
  it('accepts a command.result naming a command it does not know', () => {
    const event = withData(example('CommandResultSucceeded'), { command: 'added_by_this_test' });
    expect(verifyWebhook(...signed(JSON.stringify(event), event.id))).toMatchObject({
      data: { command: 'added_by_this_test' },
    });
  });

  it('rejects a command name the pattern does not allow', () => {
    const event = withData(example('CommandResultSucceeded'), { command: 'Hold!' });
    const error = failure(() => verifyWebhook(...signed(JSON.stringify(event), event.id)));
    expect([error.reason, error.pointer]).toEqual(['schema_violation', '/data/command']);
  });

  it('rejects a body whose id differs from webhook-id', () => {
    const event = example('CallAnswered');
    const error = failure(() => verifyWebhook(...signed(JSON.stringify(event), 'evt_other')));
    expect([error.reason, error.pointer]).toEqual(['id_mismatch', '/id']);
  });

  // Derived from the spec's own schemas: every required field dropped, every typed field broken.
  const deref = (node: SpecNode): SpecNode =>
    node?.$ref ? deref(spec.components.schemas[node.$ref.split('/').pop()]) : node;
  const wrongValueFor = (schema: SpecNode) => {
    const types = [schema.type].flat();
    return types.includes('string') ? 12345 : `not-a-${types[0]}`;
  };
  /** The event as JSON, to be broken: a field dropped or given a value of the wrong type. */
  type Payload = { id?: string; type?: string; data: Record<string, unknown>; [field: string]: unknown };
  const cases: [string, { event: Payload; pointer: string; detail: RegExp }][] = [];
  for (const [webhook, , original] of exampleWebhooks.filter(
    (_example, i, all) => all.findIndex(([w]) => w === all[i]![0]) === i,
  )) {
    const envelope = deref(spec.webhooks[webhook].post.requestBody.content['application/json'].schema);
    const data = deref(envelope.properties.data);
    for (const field of envelope.required) {
      const event: Payload = structuredClone(original);
      delete event[field];
      cases.push([
        `${webhook}: ${field} dropped`,
        { event, pointer: '', detail: new RegExp(`required property '${field}'`) },
      ]);
    }
    for (const field of data.required) {
      const event: Payload = structuredClone(original);
      delete event.data[field];
      cases.push([
        `${webhook}: data.${field} dropped`,
        { event, pointer: '/data', detail: new RegExp(`required property '${field}'`) },
      ]);
    }
    for (const [field, property] of Object.entries<SpecNode>(data.properties)) {
      const schema = deref(property);
      if (schema.type === undefined || !(field in original.data)) continue;
      const event: Payload = structuredClone(original);
      event.data[field] = wrongValueFor(schema);
      cases.push([
        `${webhook}: data.${field} of the wrong type`,
        { event, pointer: `/data/${field}`, detail: /must be|must match|must be equal/ },
      ]);
    }
  }

  it('derives cases for every required field and every typed field', () => {
    expect(cases.length).toBeGreaterThan(40);
  });

  it.each(cases)('%s → schema_violation at its pointer', (_case, { event, pointer, detail }) => {
    const error = failure(() => verifyWebhook(...signed(JSON.stringify(event), event.id ?? 'evt_0123')));
    if (event.id === undefined || event.type === undefined) {
      // Without `type` the event type is unknown; without `id` the schema says so first.
      expect(['schema_violation', 'unknown_event_type']).toContain(error.reason);
      return;
    }
    expect(error.reason).toBe('schema_violation');
    expect(error.violations).toEqual(expect.arrayContaining([expect.objectContaining({ pointer })]));
    expect(error.violations.find((violation) => violation.pointer === pointer)?.detail).toMatch(detail);
  });
});

describe('secrets', () => {
  const event = example('CallAnswered');
  const body = JSON.stringify(event);
  const headers = independentHeaders(event.id, body);

  // An empty or malformed secret would fail every delivery: refuse it before any is received,
  // without repeating the secret in the message (it may end up in a log).
  it.each<[string, unknown]>([
    ['an empty string', ''],
    ['an empty list', []],
    ['a list holding an empty string', [SECRET, '']],
    ['whsec_ with nothing after it', 'whsec_'],
    ['a secret without the whsec_ prefix', 'hunter2hunter2'],
    ['whsec_ followed by something that is not base64', 'whsec_hunter2!hunter2'],
    ['whsec_ followed by badly padded base64', 'whsec_abcde'],
    ['something that is not a string', 42],
  ])('refuses %s with a TypeError', (_case, secret) => {
    const run = () => verifyWebhook(body, headers, secret as string);
    expect(run).toThrow(TypeError);
    expect(run).toThrow(/verifyWebhook: .*whsec_/);
    if (typeof secret === 'string' && secret.length > 6) expect(run).not.toThrow(secret);
  });

  it('accepts a whsec_ secret and a rotation list of them', () => {
    expect(verifyWebhook(body, headers, SECRET).id).toBe(event.id);
    expect(verifyWebhook(body, headers, [OTHER_SECRET, SECRET]).id).toBe(event.id);
  });
});

// The signature covers the bytes as received, not a decoding of them. Each body below is
// signed (with node:crypto) over some bytes and received as others; the verdict — authentic,
// or refused as a signature failure — is stated by the rule and must also be the
// `standardwebhooks` library's, which signs and verifies bytes.
describe('bytes as received, with standardwebhooks as the oracle', () => {
  const event = example('CommandResultFailed');
  const text = JSON.stringify(event);
  const utf8 = (value: string) => Buffer.from(value, 'utf8');
  const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
  // Bytes that are not UTF-8, inside a string value (the problem's detail): decoded leniently,
  // each would turn into U+FFFD and leave a valid event.
  const at = text.indexOf('hung up');
  const withBytes = (bytes: number[]) =>
    Buffer.concat([utf8(text.slice(0, at + 1)), Buffer.from(bytes), utf8(text.slice(at + 1))]);
  const replaced = (bytes: Buffer) => utf8(bytes.toString('utf8')); // each bad sequence as U+FFFD
  const invalid: [string, number[]][] = [
    ['a 0xFF byte', [0xff]],
    ['an overlong "/" (C0 AF)', [0xc0, 0xaf]],
    ['a truncated "€" (E2 82)', [0xe2, 0x82]],
    ['a surrogate encoded as UTF-8 (ED A0 80)', [0xed, 0xa0, 0x80]],
    ['a continuation byte alone (80)', [0x80]],
  ];
  const lone = text.replace('hung', 'h\uD800ung');
  const pretty = JSON.stringify(event, null, 2);
  const crlf = pretty.replaceAll('\n', '\r\n');

  type Verdict = 'authentic' | 'refused';
  const cases: [string, { received: string | Buffer; signed: string | Buffer; verdict: Verdict }][] = [
    [
      'a BOM prepended, signed without it',
      { received: Buffer.concat([BOM, utf8(text)]), signed: text, verdict: 'refused' },
    ],
    ['a BOM prepended, as a string', { received: `\uFEFF${text}`, signed: text, verdict: 'refused' }],
    [
      'a BOM signed and sent',
      { received: Buffer.concat([BOM, utf8(text)]), signed: Buffer.concat([BOM, utf8(text)]), verdict: 'authentic' },
    ],
    ['a BOM signed, but not sent', { received: text, signed: Buffer.concat([BOM, utf8(text)]), verdict: 'refused' }],
    ...invalid.flatMap(([name, bytes]): (typeof cases)[number][] => [
      [
        `${name}, signed as their U+FFFD replacement`,
        { received: withBytes(bytes), signed: replaced(withBytes(bytes)), verdict: 'refused' },
      ],
      [`${name}, signed as sent`, { received: withBytes(bytes), signed: withBytes(bytes), verdict: 'authentic' }],
      [
        `U+FFFD sent for ${name} signed`,
        { received: replaced(withBytes(bytes)), signed: withBytes(bytes), verdict: 'refused' },
      ],
    ]),
    [
      'a lone surrogate in a string, signed as its UTF-8 encoding',
      { received: lone, signed: lone, verdict: 'authentic' },
    ],
    [
      'a lone surrogate in a string, signed as U+FFFD',
      { received: lone, signed: text.replace('hung', 'h\uFFFDung'), verdict: 'authentic' },
    ],
    [
      'a lone surrogate in a string, signed as its WTF-8 bytes',
      { received: lone, signed: withBytes([0xed, 0xa0, 0x80]), verdict: 'refused' },
    ],
    ['CRLF sent, LF signed', { received: crlf, signed: pretty, verdict: 'refused' }],
    ['LF sent, CRLF signed', { received: pretty, signed: crlf, verdict: 'refused' }],
    ['CRLF signed and sent', { received: crlf, signed: crlf, verdict: 'authentic' }],
  ];

  const ours = (body: string | Uint8Array | ArrayBuffer, headers: Record<string, string>): Verdict => {
    try {
      verifyWebhook(body, headers, SECRET);
    } catch (error) {
      if (error instanceof WebhookVerificationError && error.isSignatureFailure) return 'refused';
      if (!(error instanceof WebhookVerificationError)) throw error;
    }
    return 'authentic';
  };
  const library = (body: string | Uint8Array, headers: Record<string, string>): Verdict => {
    try {
      new Webhook(SECRET).verify(body, headers);
    } catch (error) {
      if (error instanceof LibraryVerificationError) return 'refused';
    }
    return 'authentic';
  };
  // The same bytes in every form verifyWebhook takes: a Buffer, a plain Uint8Array, a view at an
  // offset into a larger buffer, an ArrayBuffer (and the string itself, when it is one).
  const forms = (received: string | Buffer): [string, string | Uint8Array | ArrayBuffer][] => {
    const bytes = typeof received === 'string' ? utf8(received) : received;
    const padded = new Uint8Array(bytes.length + 8);
    padded.set(bytes, 5);
    return [
      ...(typeof received === 'string' ? [['string', received] as [string, string]] : []),
      ['Buffer', Buffer.from(bytes)],
      ['Uint8Array', new Uint8Array(bytes)],
      ['Uint8Array at an offset', padded.subarray(5, 5 + bytes.length)],
      ['ArrayBuffer', new Uint8Array(bytes).buffer],
    ];
  };

  it.each(cases)('%s: the verdict is the rule’s and the library’s', (_case, { received, signed, verdict }) => {
    const headers = independentHeaders(event.id, signed);
    expect(library(received, headers)).toBe(verdict);
    for (const [form, body] of forms(received)) expect([form, ours(body, headers)]).toEqual([form, verdict]);
  });

  it('hands back the event from a body sent with a BOM (JSON parsers may skip one)', () => {
    const sent = Buffer.concat([BOM, utf8(text)]);
    expect(verifyWebhook(sent, independentHeaders(event.id, sent), SECRET)).toEqual(event);
  });

  it.each(invalid)('refuses an authentic body with %s as malformed JSON: it is not UTF-8', (_name, bytes) => {
    const sent = withBytes(bytes);
    const error = failure(() => verifyWebhook(sent, independentHeaders(event.id, sent), SECRET));
    expect([error.reason, error.isSignatureFailure]).toEqual(['malformed_json', false]);
    expect(error.message).toMatch(/not UTF-8/);
  });

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['a parsed object', { id: event.id }],
    ['a number', 42],
  ])('refuses a body that is %s with a TypeError', (_name, body) => {
    expect(() => verifyWebhook(body as string, independentHeaders(event.id, text), SECRET)).toThrow(
      /verifyWebhook: the body must be the raw body/,
    );
  });
});
