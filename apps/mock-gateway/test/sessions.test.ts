// The per-session state machine: ringing → answered → ended.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newSession, startGateway } from './support/gateway.js';
import { expectProblem } from './support/spec.js';

let gateway: Awaited<ReturnType<typeof startGateway>>;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(() => gateway.close());

const state = async (session: string) => (await (await fetch(`${gateway.url}/__mock/sessions/${session}`)).json()).state;

it('an unknown session is a ringing inbound call that answer answers', async () => {
  const session = newSession();
  expect((await gateway.command(session, 'answer')).status).toBe(202);
  expect(await state(session)).toBe('answered');
});

it('answering an answered call is a 409', async () => {
  const session = newSession();
  await gateway.command(session, 'answer');
  await expectProblem(await gateway.command(session, 'answer'), 409, 'invalid-session-state');
});

it.each(['hangup', 'disconnect'])('after %s, every command finds no session (404)', async (ending) => {
  const session = newSession();
  expect((await gateway.command(session, ending)).status).toBe(202);
  expect(await state(session)).toBe('ended');
  for (const next of ['answer', 'hangup', 'disconnect']) {
    await expectProblem(await gateway.command(session, next), 404, 'session-not-found');
  }
});

it('the session UUID is matched case-insensitively', async () => {
  const session = newSession();
  await gateway.command(session, 'hangup');
  await expectProblem(await gateway.command(session.toUpperCase(), 'answer'), 404, 'session-not-found');
});

it('the mock control answers 404 for a session it has not seen', async () => {
  await expectProblem(await fetch(`${gateway.url}/__mock/sessions/${newSession()}`), 404, 'session-not-found');
});
