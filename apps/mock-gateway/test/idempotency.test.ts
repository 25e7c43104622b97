// The idempotency store's one lifecycle: begin claims a key; complete stores the answer to
// replay; release (a refused request) frees the key. Keys are scoped to the app and the session.
import { describe, expect, it } from 'vitest';
import { canonicalJson, createIdempotencyStore } from '../src/idempotency.js';
import { jsonResult } from '../src/http-result.js';

const request = (overrides: Partial<Parameters<ReturnType<typeof createIdempotencyStore>['begin']>[0]> = {}) => ({
  session: 's-1',
  appId: 'app',
  commandUid: 'uid-1',
  command: 'hangup',
  body: { cause: 'USER_BUSY', command_uid: 'uid-1' },
  ...overrides,
});
const accepted = jsonResult(202, { operation_id: 'op-1' });

function claimed(store: ReturnType<typeof createIdempotencyStore>, overrides = {}) {
  const outcome = store.begin(request(overrides));
  if (outcome.kind !== 'new') throw new Error(`expected a new key, got ${outcome.kind}`);
  return outcome.claim;
}

describe('createIdempotencyStore', () => {
  it('a completed key replays its answer for the same request, keys in any order', () => {
    const store = createIdempotencyStore();
    claimed(store).complete(accepted);
    expect(store.begin(request({ body: { command_uid: 'uid-1', cause: 'USER_BUSY' } }))).toEqual({ kind: 'replay', response: accepted });
  });

  it('a key still claimed is in flight', () => {
    const store = createIdempotencyStore();
    claimed(store);
    expect(store.begin(request()).kind).toBe('in-flight');
  });

  it.each([
    ['another body', { body: { cause: 'CALL_REJECTED', command_uid: 'uid-1' } }],
    ['another command', { command: 'disconnect' }],
  ])('the same key with %s is reused, in flight or completed', (_name, other) => {
    const store = createIdempotencyStore();
    const claim = claimed(store);
    expect(store.begin(request(other)).kind).toBe('reused');
    claim.complete(accepted);
    expect(store.begin(request(other)).kind).toBe('reused');
  });

  it.each([
    ['another session', { session: 's-2' }],
    ['another app', { appId: 'other-app' }],
  ])('the same key on %s is a new key', (_name, other) => {
    const store = createIdempotencyStore();
    claimed(store).complete(accepted);
    expect(store.begin(request(other)).kind).toBe('new');
  });

  it('a released key can be used again, even for another request; the store holds nothing for it', () => {
    const store = createIdempotencyStore();
    claimed(store).release();
    expect(store.size).toBe(0);
    expect(store.begin(request({ command: 'disconnect' })).kind).toBe('new');
  });

  it('settles once: release after complete keeps the answer, complete after release stores nothing', () => {
    const store = createIdempotencyStore();
    const kept = claimed(store);
    kept.complete(accepted);
    kept.release();
    expect(store.begin(request()).kind).toBe('replay');
    const freed = claimed(store, { commandUid: 'uid-2' });
    freed.release();
    freed.complete(accepted);
    expect(store.begin(request({ commandUid: 'uid-2' })).kind).toBe('new');
  });

  it('forgetSession drops every key of that session only', () => {
    const store = createIdempotencyStore();
    claimed(store).complete(accepted);
    claimed(store, { commandUid: 'uid-2' }).complete(accepted);
    claimed(store, { session: 's-2' }).complete(accepted);
    expect(store.size).toBe(3);
    store.forgetSession('s-1');
    expect(store.size).toBe(1);
    expect(store.begin(request()).kind).toBe('new');
    expect(store.begin(request({ session: 's-2' })).kind).toBe('replay');
  });
});

describe('canonicalJson', () => {
  it.each([
    ['object keys sorted, deeply', { a: { b: { d: 1, c: [{ f: 1, e: 2 }] }, a: null }, want: '{"a":{"a":null,"b":{"c":[{"e":2,"f":1}],"d":1}}}' }],
    ['strings escaped as JSON', { a: 'x"y', want: '{"a":"x\\"y"}' }],
  ])('%s', (_name, { want, ...value }) => {
    expect(canonicalJson(value)).toBe(want);
  });
});
