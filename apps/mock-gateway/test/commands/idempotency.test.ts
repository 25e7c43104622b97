// The idempotency store's one lifecycle: begin claims a key; complete stores the answer to
// replay; release (a refused request) frees the key. Keys are scoped to the app and the session.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  createIdempotencyStore,
  DEFAULT_MAX_KEYS_PER_SESSION,
  type KeyTaken,
} from '../../src/commands/idempotency.js';
import type { Outcome } from '../../src/common/outcome.js';
import { jsonResult } from '../../src/common/http-result.js';
import { DEFAULT_MAX_SESSIONS } from '../../src/commands/sessions.js';
import { spec } from '../support/spec.js';

const request = (overrides: Partial<Parameters<ReturnType<typeof createIdempotencyStore>['begin']>[0]> = {}) => ({
  session: 's-1',
  appId: 'app',
  commandUid: 'uid-1',
  command: 'hangup',
  body: { cause: 'USER_BUSY', command_uid: 'uid-1' },
  ...overrides,
});
const accepted = jsonResult(202, { operation_id: 'op-1' });

/** `new` for a key claimed, else why it is taken. */
const kindOf = (outcome: Outcome<unknown, KeyTaken>) => (outcome.ok ? 'new' : outcome.reason.kind);

function claimed(store: ReturnType<typeof createIdempotencyStore>, overrides = {}) {
  const outcome = store.begin(request(overrides));
  if (!outcome.ok) throw new Error(`expected a new key, got ${outcome.reason.kind}`);
  return outcome.value;
}

describe('createIdempotencyStore', () => {
  it('a completed key replays its answer for the same request, keys in any order', () => {
    const store = createIdempotencyStore();
    claimed(store).complete(accepted);
    expect(store.begin(request({ body: { command_uid: 'uid-1', cause: 'USER_BUSY' } }))).toEqual({
      ok: false,
      reason: { kind: 'replay', response: accepted },
    });
  });

  it('a key still claimed is in flight', () => {
    const store = createIdempotencyStore();
    claimed(store);
    expect(kindOf(store.begin(request()))).toBe('in-flight');
  });

  it.each([
    ['another body', { body: { cause: 'CALL_REJECTED', command_uid: 'uid-1' } }],
    ['another command', { command: 'disconnect' }],
  ])('the same key with %s is reused, in flight or completed', (_name, other) => {
    const store = createIdempotencyStore();
    const claim = claimed(store);
    expect(kindOf(store.begin(request(other)))).toBe('reused');
    claim.complete(accepted);
    expect(kindOf(store.begin(request(other)))).toBe('reused');
  });

  it.each([
    ['another session', { session: 's-2' }],
    ['another app', { appId: 'other-app' }],
  ])('the same key on %s is a new key', (_name, other) => {
    const store = createIdempotencyStore();
    claimed(store).complete(accepted);
    expect(kindOf(store.begin(request(other)))).toBe('new');
  });

  it('a released key can be used again, even for another request; the store holds nothing for it', () => {
    const store = createIdempotencyStore();
    claimed(store).release();
    expect(store.size).toBe(0);
    expect(kindOf(store.begin(request({ command: 'disconnect' })))).toBe('new');
  });

  it('settles once: release after complete keeps the answer, complete after release stores nothing', () => {
    const store = createIdempotencyStore();
    const kept = claimed(store);
    kept.complete(accepted);
    kept.release();
    expect(kindOf(store.begin(request()))).toBe('replay');
    const freed = claimed(store, { commandUid: 'uid-2' });
    freed.release();
    freed.complete(accepted);
    expect(kindOf(store.begin(request({ commandUid: 'uid-2' })))).toBe('new');
  });

  it('clear forgets every key of every session and says how many; a claim in flight settles into nothing', () => {
    const store = createIdempotencyStore();
    claimed(store).complete(accepted);
    claimed(store, { session: 's-2' }).complete(accepted);
    const inFlight = claimed(store, { session: 's-3' });
    expect(store.clear()).toBe(3);
    inFlight.complete(accepted);
    expect(store.size).toBe(0);
    expect(kindOf(store.begin(request()))).toBe('new');
  });

  it('forgetSession drops every key of that session only', () => {
    const store = createIdempotencyStore();
    claimed(store).complete(accepted);
    claimed(store, { commandUid: 'uid-2' }).complete(accepted);
    claimed(store, { session: 's-2' }).complete(accepted);
    expect(store.size).toBe(3);
    store.forgetSession('s-1');
    expect(store.size).toBe(1);
    expect(kindOf(store.begin(request()))).toBe('new');
    expect(kindOf(store.begin(request({ session: 's-2' })))).toBe('replay');
  });
});

describe('the bound on keys per session', () => {
  const uid = (n: number) => ({ commandUid: `uid-${n}`, body: { command_uid: `uid-${n}` } });

  it('at the cap, forgets the oldest completed key (its replay becomes a new command), and only in that session', () => {
    const store = createIdempotencyStore({ maxKeysPerSession: 3 });
    claimed(store, { session: 's-2' }).complete(accepted);
    claimed(store, uid(1)).complete(accepted);
    const inFlight = claimed(store, uid(2));
    claimed(store, uid(3)).complete(accepted);
    claimed(store, uid(4)).complete(accepted); // the session is full: uid-1 goes, not uid-2 (in flight)
    expect(store.size).toBe(4);
    expect(store.forgotten).toBe(1);
    expect(kindOf(store.begin(request(uid(2))))).toBe('in-flight');
    expect([kindOf(store.begin(request(uid(3)))), kindOf(store.begin(request(uid(4))))]).toEqual(['replay', 'replay']);
    expect(kindOf(store.begin(request({ session: 's-2' })))).toBe('replay');
    inFlight.complete(accepted);
    expect(kindOf(store.begin(request(uid(1))))).toBe('new'); // forgotten; claiming it again makes room by forgetting uid-2
    expect(kindOf(store.begin(request(uid(2))))).toBe('new');
  });

  it('never forgets a key in flight: a session whose keys are all in flight holds one more', () => {
    const store = createIdempotencyStore({ maxKeysPerSession: 2 });
    claimed(store, uid(1));
    claimed(store, uid(2));
    claimed(store, uid(3));
    expect(store.size).toBe(3);
    expect([1, 2, 3].map((n) => kindOf(store.begin(request(uid(n)))))).toEqual(['in-flight', 'in-flight', 'in-flight']);
  });

  it('holds at most the cap under 100,000 keys on one session', () => {
    const store = createIdempotencyStore();
    for (let n = 0; n < 100_000; n++) claimed(store, uid(n)).complete(accepted);
    expect(store.size).toBe(DEFAULT_MAX_KEYS_PER_SESSION);
    expect(store.forgotten).toBe(100_000 - DEFAULT_MAX_KEYS_PER_SESSION);
    expect(kindOf(store.begin(request(uid(99_999))))).toBe('replay');
  });
});

it("the spec's idempotency prose says what the mock keeps, by its flags; the README gives their defaults", () => {
  const said = (spec.info.description as string).replace(/\s+/g, ' ');
  expect(said).toContain('a key lives as long as the mock remembers its session (`--max-sessions`');
  expect(said).toContain(
    'a session keeps at most `--max-keys-per-session` keys (the oldest completed one forgotten first, never one still in flight)',
  );
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  expect(readme).toMatch(new RegExp(`\\| \`--max-sessions\` \\| \`${DEFAULT_MAX_SESSIONS}\` \\|`));
  expect(readme).toMatch(new RegExp(`\\| \`--max-keys-per-session\` \\| \`${DEFAULT_MAX_KEYS_PER_SESSION}\` \\|`));
});

describe('canonicalJson', () => {
  it.each([
    [
      'object keys sorted, deeply',
      { a: { b: { d: 1, c: [{ f: 1, e: 2 }] }, a: null }, want: '{"a":{"a":null,"b":{"c":[{"e":2,"f":1}],"d":1}}}' },
    ],
    ['strings escaped as JSON', { a: 'x"y', want: '{"a":"x\\"y"}' }],
  ])('%s', (_name, { want, ...value }) => {
    expect(canonicalJson(value)).toBe(want);
  });
});
