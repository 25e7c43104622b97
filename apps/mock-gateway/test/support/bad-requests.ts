// The fuzz corpus: generated bad requests to the API, each a known defect — mutated and
// truncated JSON, wrong types, over-long and pattern-breaking strings, invalid UTF-8, member names
// given twice, charsets and content codings the API does not read, duplicate and junk headers,
// wrong content types, bad UUIDs, unknown routes, wrong methods. The fuzz suite sends them to
// the mock; the engine differential sends them to the compiled engine and to Prism.
import fc from 'fast-check';
import { AUTH } from './gateway.js';
import { spec, specViolations } from './spec.js';

export interface BadRequest {
  defect: string;
  method: string;
  path: string;
  headers: Record<string, string | string[]>;
  body: Buffer;
  /** The one status this defect must get, where the contract says which. */
  status?: number;
}

// The commands of the spec, and those whose body takes a `cause`.
const requestSchema = (operationId: string) =>
  spec.components.schemas[`${operationId[0]!.toUpperCase()}${operationId.slice(1)}Request`];
const COMMANDS: string[] = Object.values<{ post: { operationId: string } }>(spec.paths).map(
  ({ post }) => post.operationId,
);
const WITH_CAUSE = COMMANDS.filter((name) => Object.hasOwn(requestSchema(name).properties ?? {}, 'cause'));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const JSON_HEADERS = { ...lower(AUTH), 'content-type': 'application/json' };
function lower(headers: Record<string, string>) {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

const session = fc.uuid({ version: 4 });
const command = fc.constantFrom(...COMMANDS);
const commandUid = fc.stringMatching(/^[a-zA-Z0-9._-]{1,20}$/);
const validBody = (name: string): fc.Arbitrary<Record<string, string>> =>
  WITH_CAUSE.includes(name)
    ? fc.record(
        { command_uid: commandUid, cause: fc.constantFrom('USER_BUSY', 'NORMAL_CLEARING', 'NO_ANSWER') },
        { requiredKeys: [] },
      )
    : fc.record({ command_uid: commandUid }, { requiredKeys: [] });
/** Printable ASCII that node:http will send in a header value. */
const headerValue = fc.stringMatching(/^[\x21-\x7e][\x20-\x7e]{0,30}$/);
const junkHeaders = fc.dictionary(fc.stringMatching(/^x-junk-[a-z0-9-]{1,12}$/), headerValue, { maxKeys: 4 });

const request_ = (
  defect: string,
  parts: Partial<Omit<BadRequest, 'defect'>> & { command?: string; session?: string },
) => ({
  defect,
  method: parts.method ?? 'POST',
  path: parts.path ?? `/api/v1/sessions/${parts.session}/commands/${parts.command}`,
  headers: parts.headers ?? JSON_HEADERS,
  body: parts.body ?? Buffer.from('{}'),
  ...(parts.status === undefined ? {} : { status: parts.status }),
});

/** Text that is not a valid request body for `name`, by construction or by a final check. */
const isValidBody = (name: string, text: string) => {
  try {
    return (
      specViolations(`#/components/schemas/${name[0]!.toUpperCase()}${name.slice(1)}Request`, JSON.parse(text))
        .length === 0
    );
  } catch {
    return false;
  }
};

const defects: fc.Arbitrary<BadRequest>[] = [
  // Mutated JSON: a character deleted, inserted or replaced somewhere in a valid body.
  fc.tuple(command, session).chain(([name, uuid]) =>
    fc
      .tuple(
        validBody(name),
        fc.nat(),
        fc.constantFrom('', '{', '}', '"', ',', ':', '[', ']', 'x', '\\'),
        fc.constantFrom('delete', 'insert', 'replace'),
      )
      .map(([body, at, char, how]) => {
        const text = JSON.stringify(body);
        const i = at % text.length;
        const mutated =
          how === 'delete'
            ? text.slice(0, i) + text.slice(i + 1)
            : how === 'insert'
              ? text.slice(0, i) + char + text.slice(i)
              : text.slice(0, i) + char + text.slice(i + 1);
        return request_('mutated JSON', { command: name, session: uuid, body: Buffer.from(mutated) });
      })
      .filter(({ body, path }) => !isValidBody(path.split('/').pop()!, body.toString())),
  ),
  // Truncated: a valid body cut short (a prefix of a JSON object is never one).
  fc.tuple(command, session).chain(([name, uuid]) =>
    fc
      .tuple(validBody(name), fc.nat())
      .map(([body, at]) => {
        const text = JSON.stringify(body);
        return request_('truncated body', {
          command: name,
          session: uuid,
          body: Buffer.from(text.slice(0, at % text.length)),
        });
      })
      .filter(({ body }) => body.length > 0),
  ),
  // Wrong types for each field.
  fc
    .tuple(
      command,
      session,
      fc.constantFrom('command_uid', 'cause'),
      fc.oneof(
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(fc.string(), { maxLength: 3 }),
        fc.object({ maxDepth: 1 }),
      ),
    )
    .map(([name, uuid, field, value]) =>
      request_('wrong type', { command: name, session: uuid, body: Buffer.from(JSON.stringify({ [field]: value })) }),
    ),
  // The body itself of the wrong type.
  fc
    .tuple(
      command,
      session,
      fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 })),
    )
    .map(([name, uuid, value]) =>
      request_('not an object', { command: name, session: uuid, body: Buffer.from(JSON.stringify(value)) }),
    ),
  // Over-long strings.
  fc.tuple(fc.constantFrom(...WITH_CAUSE), session, fc.integer({ min: 65, max: 400 })).map(([name, uuid, length]) =>
    request_('cause too long', {
      command: name,
      session: uuid,
      body: Buffer.from(JSON.stringify({ cause: 'A'.repeat(length) })),
    }),
  ),
  fc.tuple(command, session, fc.integer({ min: 129, max: 2_000 })).map(([name, uuid, length]) =>
    request_('command_uid too long', {
      command: name,
      session: uuid,
      body: Buffer.from(JSON.stringify({ command_uid: 'u'.repeat(length) })),
    }),
  ),
  // Pattern-breaking strings.
  fc
    .tuple(
      fc.constantFrom(...WITH_CAUSE),
      session,
      fc.string({ minLength: 1, maxLength: 40 }).filter((cause) => !/^[A-Z_]+$/.test(cause)),
    )
    .map(([name, uuid, cause]) =>
      request_('cause breaks its pattern', {
        command: name,
        session: uuid,
        body: Buffer.from(JSON.stringify({ cause })),
      }),
    ),
  fc
    .tuple(
      command,
      session,
      fc.string({ minLength: 0, maxLength: 40, unit: 'grapheme' }).filter((uid) => !/^[a-zA-Z0-9._-]+$/.test(uid)),
    )
    .map(([name, uuid, uid]) =>
      request_('command_uid breaks its pattern', {
        command: name,
        session: uuid,
        body: Buffer.from(JSON.stringify({ command_uid: uid })),
      }),
    ),
  // Unknown fields.
  fc
    .tuple(
      command,
      session,
      fc.stringMatching(/^[a-z_]{1,12}$/).filter((key) => key !== 'command_uid' && key !== 'cause'),
    )
    .map(([name, uuid, key]) =>
      request_('unknown field', { command: name, session: uuid, body: Buffer.from(JSON.stringify({ [key]: 'x' })) }),
    ),
  // Invalid UTF-8, in a string or between tokens.
  fc
    .tuple(
      command,
      session,
      fc.constantFrom([0xc3, 0x28], [0xff], [0xe2, 0x82], [0xf0, 0x28, 0x8c, 0xbc], [0xc0, 0xaf]),
      fc.boolean(),
    )
    .map(([name, uuid, bytes, inString]) => {
      const body = inString
        ? Buffer.concat([Buffer.from('{"command_uid":"a'), Buffer.from(bytes), Buffer.from('"}')])
        : Buffer.concat([Buffer.from('{'), Buffer.from(bytes), Buffer.from('}')]);
      return request_('invalid UTF-8', { command: name, session: uuid, body });
    }),
  // Wrong content types.
  fc
    .tuple(
      command,
      session,
      fc.oneof(
        fc.constantFrom(
          'text/plain',
          'application/xml',
          'multipart/form-data; boundary=x',
          'application/x-www-form-urlencoded',
          'application/jsonx',
          'json',
        ),
        fc.stringMatching(/^[a-z]{1,8}\/[a-z0-9.+-]{1,12}$/).filter((type) => type !== 'application/json'),
      ),
    )
    .map(([name, uuid, type]) =>
      request_('wrong content type', {
        command: name,
        session: uuid,
        headers: { ...JSON_HEADERS, 'content-type': type },
      }),
    ),
  // Bad UUIDs.
  fc
    .tuple(
      command,
      fc.stringMatching(/^[A-Za-z0-9._~-]{1,60}$/).filter((id) => !UUID.test(id)),
    )
    .map(([name, id]) => request_('bad UUID', { command: name, session: id })),
  // Missing, partial or duplicated credentials.
  fc
    .tuple(command, session, fc.constantFrom('none', 'app only', 'key only', 'app twice', 'key twice'))
    .map(([name, uuid, how]) => {
      const headers: Record<string, string | string[]> = { 'content-type': 'application/json' };
      if (how !== 'key only') headers['x-app-id'] = how === 'app twice' ? ['app-1', 'app-2'] : 'app-1';
      if (how !== 'app only') headers['x-api-key'] = how === 'key twice' ? ['key-1', 'key-2'] : 'key-1';
      if (how === 'none') {
        delete headers['x-app-id'];
        delete headers['x-api-key'];
      }
      return request_(`credentials: ${how}`, { command: name, session: uuid, headers });
    }),
  // A member name given twice (RFC 7493), the second perhaps spelled with an escape: always 400.
  fc
    .tuple(
      command,
      session,
      fc.constantFrom('command_uid', 'cause', 'x'),
      fc.boolean(),
      fc.jsonValue({ maxDepth: 1 }),
      fc.jsonValue({ maxDepth: 1 }),
    )
    .map(([name, uuid, key, escaped, first, second]) => {
      const again = escaped
        ? `"\\u${key.charCodeAt(0).toString(16).padStart(4, '0')}${key.slice(1)}"`
        : JSON.stringify(key);
      return request_('duplicate member', {
        status: 400,
        command: name,
        session: uuid,
        body: Buffer.from(`{${JSON.stringify(key)}:${JSON.stringify(first)},${again}:${JSON.stringify(second)}}`),
      });
    }),
  // A charset other than UTF-8, bare or quoted: 415 (the body would be misread).
  fc
    .tuple(
      command,
      session,
      fc.oneof(
        fc.constantFrom('iso-8859-1', 'utf-16', 'UTF-16LE', 'windows-1252', 'us-ascii', 'utf8', 'latin1'),
        fc.stringMatching(/^[a-z0-9-]{1,12}$/),
      ),
      fc.boolean(),
    )
    .filter(([, , charset]) => charset.toLowerCase() !== 'utf-8')
    .map(([name, uuid, charset, quoted]) =>
      request_('charset', {
        status: 415,
        command: name,
        session: uuid,
        headers: { ...JSON_HEADERS, 'content-type': `application/json; charset=${quoted ? `"${charset}"` : charset}` },
      }),
    ),
  // A content coding other than identity: 415.
  fc
    .tuple(
      command,
      session,
      fc.oneof(
        fc.constantFrom('gzip', 'br', 'deflate', 'compress', 'zstd', 'x-gzip', 'identity, gzip', 'gzip, identity'),
        fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/),
      ),
    )
    .filter(([, , coding]) => coding !== 'identity')
    .map(([name, uuid, coding]) =>
      request_('content coding', {
        status: 415,
        command: name,
        session: uuid,
        headers: { ...JSON_HEADERS, 'content-encoding': coding },
      }),
    ),
  // Unknown routes and wrong methods.
  fc
    .tuple(fc.stringMatching(/^\/[a-zA-Z0-9/_-]{0,40}$/), fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'))
    .filter(
      ([path]) =>
        !new RegExp(`^/api/v1/sessions/[^/]+/commands/(${COMMANDS.join('|')})$`).test(path) &&
        !path.startsWith('/__mock/'),
    )
    .map(([path, method]) => request_('unknown route', { path, method })),
  fc
    .tuple(command, session, fc.constantFrom('GET', 'PUT', 'PATCH', 'DELETE'))
    .map(([name, uuid, method]) =>
      request_('wrong method', { command: name, session: uuid, method, body: Buffer.alloc(0) }),
    ),
];

/** One bad request, any defect, with junk headers beside. */
export const badRequest = fc
  .tuple(fc.oneof(...defects), junkHeaders)
  .map(([bad, junk]) => ({ ...bad, headers: { ...junk, ...bad.headers } }));
