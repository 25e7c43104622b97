// The `command` events of the stream: one per request to the API, accepted, replayed or
// refused, each naming what its path names.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CommandStreamEvent } from '../../src/workbench/command-feed.js';
import { readStream } from '../support/control-plane.js';
import { AUTH, newSession, startGateway } from '../support/gateway.js';

let gateway: Awaited<ReturnType<typeof startGateway>>;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(() => gateway.close());

/** Sends the requests, then reads the stream until it has one `command` event per request. */
async function commandEventsOf(
  send: () => Promise<Response[]>,
): Promise<{ events: CommandStreamEvent[]; responses: Response[] }> {
  const responses = await send();
  const paths = new Set(responses.map(({ url }) => new URL(url).pathname));
  const messages = await readStream(
    gateway.url,
    (all) => all.filter(({ event, data }) => event === 'command' && paths.has(data.path)).length >= responses.length,
  );
  return {
    events: messages.filter(({ event, data }) => event === 'command' && paths.has(data.path)).map(({ data }) => data),
    responses,
  };
}

it('an accepted command: its session, its command, the operation its 202 started', async () => {
  const session = newSession();
  const { events, responses } = await commandEventsOf(async () => [await gateway.command(session, 'answer')]);
  expect(events).toEqual([
    {
      at: expect.any(String),
      method: 'POST',
      path: `/api/v1/sessions/${session}/commands/answer`,
      status: 202,
      session_uuid: session,
      command: 'answer',
      operation_id: (await responses[0]!.json()).operation_id,
      replayed: false,
      latency_ms: 0,
    },
  ]);
});

it('a replay: the same operation, replayed', async () => {
  const session = newSession();
  const body = { command_uid: randomUUID() };
  const { events } = await commandEventsOf(async () => [
    await gateway.command(session, 'hangup', body),
    await gateway.command(session, 'hangup', body),
  ]);
  expect(events.map(({ status, replayed }) => [status, replayed])).toEqual([
    [202, false],
    [202, true],
  ]);
  expect(events[1]!.operation_id).toBe(events[0]!.operation_id);
});

it('refused by the state machine (answer on an ended call): its session and command, no operation', async () => {
  const session = newSession();
  const { events } = await commandEventsOf(async () => {
    await gateway.command(session, 'hangup');
    return [await gateway.command(session.toUpperCase(), 'answer')];
  });
  expect(events.at(-1)).toMatchObject({
    status: 404,
    session_uuid: session,
    command: 'answer',
    operation_id: null,
    replayed: false,
  });
});

// A refused request's path segment is anyone's string: were it published as a session, a
// request with no credentials could put a path (`../`, `?`) into every open inspector.
it.each([
  [
    'refused for its credentials (none), with a real session UUID',
    (session: string) => fetch(`${gateway.url}/api/v1/sessions/${session}/commands/disconnect`, { method: 'POST' }),
    401,
    'disconnect',
  ],
  [
    'refused for its credentials, with a segment that decodes to a path and a query',
    () =>
      fetch(`${gateway.url}/api/v1/sessions/..%2F..%2F__mock%2Fsessions%2Fx%2Fremote-hangup%3F/commands/answer`, {
        method: 'POST',
      }),
    401,
    'answer',
  ],
  [
    'refused by its schema',
    (session: string) => gateway.command(session, 'hangup', { cause: 'user_busy' }),
    422,
    'hangup',
  ],
  [
    'with a segment that is not a session UUID',
    () => gateway.command('..%2F..%2F__mock%2Fdeliveries%3F', 'answer'),
    422,
    'answer',
  ],
])('%s: its command, no session', async (_name, send, status, command) => {
  const session = newSession();
  const { events } = await commandEventsOf(async () => [await send(session.toUpperCase())]);
  expect(events.at(-1)).toMatchObject({ status, session_uuid: null, command, operation_id: null, replayed: false });
});

it('a path that names no session: null session and command', async () => {
  const { events } = await commandEventsOf(async () => [
    await fetch(`${gateway.url}/api/v1/nothing`, { method: 'POST', headers: AUTH }),
  ]);
  expect(events).toEqual([
    expect.objectContaining({
      path: '/api/v1/nothing',
      status: 404,
      session_uuid: null,
      command: null,
      operation_id: null,
    }),
  ]);
});
