// The deliveries of the control plane: the journal's filters, pages and waits (and the 422 for
// a bad parameter), and resend — the same webhook-id again, freshly signed, the new attempts in the journal.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { control } from '../support/control-plane.js';
import { newSession, startGateway } from '../support/gateway.js';
import { useGatewayWithReceiver } from '../support/gateway-with-receiver.js';
import { PROBLEM_TYPE_BASE } from '../support/spec.js';

const live = useGatewayWithReceiver('deliveries');

/** Answers and hangs up a call, and waits until its four webhooks are delivered. */
async function deliveredCall() {
  const session = newSession();
  const answer = await (await live.gateway.command(session, 'answer')).json();
  await live.gateway.command(session, 'hangup');
  await live.receiver.waitFor(() => live.receiver.forSession(session).length === 4);
  return { session, operation: answer.operation_id as string };
}

describe('GET /__mock/deliveries?…', () => {
  it('filters by session, type and operation', async () => {
    const { session, operation } = await deliveredCall();
    const list = async (query: string) =>
      (await control(live.gateway.url, 'GET', `/__mock/deliveries?${query}`)).body.deliveries;
    expect((await list(`session=${session.toUpperCase()}`)).map(({ type }: { type: string }) => type)).toEqual([
      'call.answered',
      'command.result',
      'command.result',
      'call.hangup',
    ]);
    expect(
      (await list(`session=${session}&type=command.result`)).map(
        ({ payload }: { payload: { data: { command: string } } }) => payload.data.command,
      ),
    ).toEqual(['answer', 'hangup']);
    expect((await list(`operation=${operation}`)).map(({ type }: { type: string }) => type)).toEqual([
      'call.answered',
      'command.result',
    ]);
    for (const delivery of await list(`session=${session}`)) expect(delivery.state).toBe('delivered');
  });

  it.each([
    [
      'an unknown type',
      'type=call.ringing',
      [{ parameter: 'type', detail: 'must be one of command.result, call.answered, call.hangup' }],
    ],
    ['a session that is not a UUID', 'session=abc', [{ parameter: 'session', detail: 'must be a session UUID' }]],
    [
      'an operation that is not a UUID',
      'operation=1',
      [{ parameter: 'operation', detail: 'must be an operation_id (a UUID)' }],
    ],
    [
      'a filter given twice',
      'type=call.hangup&type=call.answered',
      [{ parameter: 'type', detail: 'must be given once' }],
    ],
    [
      'an unknown filter',
      'status=delivered',
      [
        {
          parameter: 'status',
          detail: 'is not a parameter here (use session, type, operation, state, limit, wait_ms, after)',
        },
      ],
    ],
    [
      'a state it cannot be in',
      'state=lost',
      [{ parameter: 'state', detail: expect.stringMatching(/^must be one of pending/) }],
    ],
    ['a limit of 0', 'limit=0', [{ parameter: 'limit', detail: 'must be a whole number from 1 to 1000' }]],
    [
      'a limit past the maximum',
      'limit=1001',
      [{ parameter: 'limit', detail: 'must be a whole number from 1 to 1000' }],
    ],
    [
      'a wait past the cap',
      'wait_ms=30001',
      [{ parameter: 'wait_ms', detail: 'must be whole milliseconds from 0 to 30000' }],
    ],
    ['a negative wait', 'wait_ms=-1', [{ parameter: 'wait_ms', detail: 'must be whole milliseconds from 0 to 30000' }]],
    [
      'a cursor the journal does not hold',
      'after=evt_0123456789abcdef',
      [{ parameter: 'after', detail: expect.stringMatching(/^must be the id of a delivery the journal holds/) }],
    ],
  ])('rejects %s with a 422 naming the parameter', async (_name, query, errors) => {
    const { response, body } = await control(live.gateway.url, 'GET', `/__mock/deliveries?${query}`);
    expect(response.status).toBe(422);
    expect(body).toMatchObject({ type: `${PROBLEM_TYPE_BASE}mock-control-invalid`, errors });
  });
});

describe('GET /__mock/deliveries: pages, cursor, state and wait_ms', () => {
  it('pages a session oldest first through next links, a page of limit at a time', async () => {
    const { session } = await deliveredCall();
    const types: string[] = [];
    const sizes: number[] = [];
    let next: string | null = `/__mock/deliveries?session=${session}&limit=3`;
    while (next !== null) {
      const { body } = await control(live.gateway.url, 'GET', next);
      types.push(...body.deliveries.map(({ type }: { type: string }) => type));
      sizes.push(body.deliveries.length);
      next = body.next;
    }
    expect([types, sizes]).toEqual([
      ['call.answered', 'command.result', 'command.result', 'call.hangup'],
      [3, 1],
    ]);
  });

  it('holds the answer with wait_ms until a delivery of that session gets to the state asked', async () => {
    const session = newSession();
    const waited = control(
      live.gateway.url,
      'GET',
      `/__mock/deliveries?session=${session}&type=call.hangup&state=delivered&wait_ms=5000`,
    );
    await live.gateway.command(session, 'answer');
    await live.gateway.command(session, 'hangup');
    const { body } = await waited;
    expect(body.deliveries.map(({ type, state }: { type: string; state: string }) => [type, state])).toEqual([
      ['call.hangup', 'delivered'],
    ]);
    // The receiver has it by then: the journal says delivered once the 2xx came back.
    expect(live.receiver.forSession(session).map(({ event }) => event.type)).toContain('call.hangup');
  });

  it('after a delivery id, only what was journaled after it', async () => {
    const { session } = await deliveredCall();
    const [first] = (await control(live.gateway.url, 'GET', `/__mock/deliveries?session=${session}`)).body.deliveries;
    const { body } = await control(live.gateway.url, 'GET', `/__mock/deliveries?session=${session}&after=${first.id}`);
    expect(body.deliveries).toHaveLength(3);
  });
});

describe('POST /__mock/deliveries/{id}/resend', () => {
  it('delivers the same event again: same webhook-id, a fresh signature, the new attempt in the journal', async () => {
    const { session } = await deliveredCall();
    const { body: journal } = await control(
      live.gateway.url,
      'GET',
      `/__mock/deliveries?session=${session}&type=call.hangup`,
    );
    const hangup = journal.deliveries[0];
    const before = live.receiver.attempts.filter(({ webhookId }) => webhookId === hangup.id).length;

    const { response, body } = await control(live.gateway.url, 'POST', `/__mock/deliveries/${hangup.id}/resend`);
    expect(response.status).toBe(202);
    expect(body).toMatchObject({ id: hangup.id, state: 'pending' });
    // The receiver verified the signature and checked the delivery against the spec; its dedupe
    // store recognised the webhook-id, so the handler did not run twice.
    await vi.waitFor(() =>
      expect(live.receiver.attempts.filter(({ webhookId }) => webhookId === hangup.id)).toHaveLength(before + 1),
    );
    expect(live.receiver.forSession(session).filter(({ webhookId }) => webhookId === hangup.id)).toHaveLength(1);
    const after = await vi.waitFor(async () => {
      const { body: now } = await control(
        live.gateway.url,
        'GET',
        `/__mock/deliveries?session=${session}&type=call.hangup`,
      );
      expect(now.deliveries[0].state).toBe('delivered');
      return now.deliveries[0];
    });
    expect(after.attempts.map(({ number }: { number: number }) => number)).toEqual([1, 2]);
    expect(after.payload).toEqual(hangup.payload);
  });

  it('signs the resend anew: its webhook-timestamp is the time of the resend', async () => {
    const { session } = await deliveredCall();
    const { body: journal } = await control(
      live.gateway.url,
      'GET',
      `/__mock/deliveries?session=${session}&type=command.result`,
    );
    const { id } = journal.deliveries[0];
    const seen = live.receiver.attempts.length;
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // the timestamp has whole seconds
    await control(live.gateway.url, 'POST', `/__mock/deliveries/${id}/resend`);
    await vi.waitFor(() =>
      expect(live.receiver.attempts.slice(seen).some(({ webhookId }) => webhookId === id)).toBe(true),
    );
    const signed = live.receiver.attempts.filter(({ webhookId }) => webhookId === id).map(({ timestamp }) => timestamp);
    expect(signed).toHaveLength(2);
    expect(Number(signed[1])).toBeGreaterThan(Number(signed[0]));
  });

  it('404 for a delivery the journal does not hold', async () => {
    const { response, body } = await control(
      live.gateway.url,
      'POST',
      '/__mock/deliveries/evt_0123456789abcdef/resend',
    );
    expect(response.status).toBe(404);
    expect(body.detail).toContain('evt_0123456789abcdef');
  });
});

describe('resend without a webhook URL', () => {
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  beforeAll(async () => {
    gateway = await startGateway();
  });
  afterAll(() => gateway.close());

  it('409: there is nowhere to send it, and the entry stays not_sent', async () => {
    const session = newSession();
    await gateway.command(session, 'hangup');
    // Journaled when due: the result at once, call.hangup on teardown.
    const journal = await vi.waitFor(async () => {
      const { body } = await control(gateway.url, 'GET', `/__mock/deliveries?session=${session}`);
      expect(body.deliveries).toHaveLength(2);
      return body;
    });
    const { response, body } = await control(
      gateway.url,
      'POST',
      `/__mock/deliveries/${journal.deliveries[0].id}/resend`,
    );
    expect(response.status).toBe(409);
    expect(body.type).toBe(`${PROBLEM_TYPE_BASE}mock-no-webhook-url`);
    const { body: after } = await control(gateway.url, 'GET', `/__mock/deliveries?session=${session}`);
    expect(after.deliveries.map(({ state }: { state: string }) => state)).toEqual(['not_sent', 'not_sent']);
  });
});
