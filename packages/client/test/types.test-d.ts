// Type-level: the client is typed from the spec, so mistakes do not compile.
import type { DeferredOperation, Problem } from '@call-control/types';
import { describe, expectTypeOf, it } from 'vitest';
import { createCallControlClient } from '../src/index.js';

const client = createCallControlClient({ baseUrl: 'http://127.0.0.1:4010', appId: 'app', apiKey: 'key' });
const uuid = '3f9c2a7e-8b1d-4c5e-9a2f-6d7e8f901234';

describe('@call-control/client types', () => {
  it('accepts correct calls', async () => {
    await client.answer(uuid);
    await client.answer(uuid, {});
    await client.answer(uuid, { command_uid: 'order-4711.answer_1' });
    await client.hangup(uuid, { cause: 'USER_BUSY' });
    await client.hangup(uuid, { cause: 'SOME_FUTURE_CAUSE', command_uid: 'x' });
    await client.disconnect(uuid, {}, { signal: AbortSignal.timeout(1000), timeoutMs: 500 });
  });

  it('rejects wrong field types, unknown fields, bad methods and misspelled causes', async () => {
    // @ts-expect-error cause is a string
    await client.hangup(uuid, { cause: 17 });
    // @ts-expect-error command_uid is a string
    await client.answer(uuid, { command_uid: 42 });
    // @ts-expect-error answer takes no cause
    await client.answer(uuid, { cause: 'USER_BUSY' });
    // @ts-expect-error disconnect takes nothing but command_uid
    await client.disconnect(uuid, { reason: 'done' });
    // @ts-expect-error there is no such command
    await client.notACommand(uuid);
    // @ts-expect-error a cause name is upper case (^[A-Z_]+$)
    await client.hangup(uuid, { cause: 'user_busy' });
    // @ts-expect-error the session UUID is required
    await client.hangup();
  });

  it('narrows data and error as documented', async () => {
    const { data, error, response } = await client.hangup(uuid);
    expectTypeOf(response).toEqualTypeOf<Response>();
    if (error) {
      expectTypeOf(error).toEqualTypeOf<Problem>();
      expectTypeOf(data).toEqualTypeOf<undefined>();
    } else {
      expectTypeOf(data).toEqualTypeOf<DeferredOperation>();
      expectTypeOf(data.operation_id).toEqualTypeOf<string>();
    }
  });

  it('keeps the raw openapi-fetch client reachable', async () => {
    const { data } = await client.raw.POST('/api/v1/sessions/{uuid}/commands/hangup', {
      params: { path: { uuid } },
      body: { cause: 'NORMAL_CLEARING' },
    });
    expectTypeOf(data).toEqualTypeOf<DeferredOperation | undefined>();
    // @ts-expect-error not a path of the spec
    await client.raw.POST('/api/v1/sessions/{uuid}/commands/not-a-command', { params: { path: { uuid } } });
  });
});
