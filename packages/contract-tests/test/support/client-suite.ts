// The client's end-to-end suite (@call-control/client as an app uses it), run against each
// target in targets.ts. Everything the
// client sends and gets back is also checked against the bundled spec here.
import { loadBundledSpec } from '@call-control/spec';
import { createSpecValidator } from '@call-control/spec/validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallControlClient, type CallControlClient } from '@call-control/client';
import type { Target } from './targets.js';

const spec = loadBundledSpec();
const { validatorFor } = createSpecValidator(spec);
/** Every command of the spec: the client's method of each is named after its operation. */
const COMMANDS = Object.values<{ post: { operationId: Exclude<keyof CallControlClient, 'raw'> } }>(spec.paths).map(
  ({ post }) => post.operationId,
);
const PROBLEM_TYPE_BASE: string = spec['x-problem-type-base'];
function expectValid(schema: string, value: unknown) {
  const validate = validatorFor(`#/components/schemas/${schema}`);
  validate(value);
  expect(validate.errors ?? []).toEqual([]);
}

export function clientSuite(target: Target) {
  describe(target.name, () => {
    let stop: () => Promise<void>;
    let client: CallControlClient;
    /** The same, without recording: for requests that are meant to break the contract. */
    let unrecorded: CallControlClient;
    /** Every response the client got, so none can carry a Prism violation unnoticed. */
    const responses: Response[] = [];
    beforeAll(async () => {
      const started = await target.start();
      stop = started.stop;
      const options = {
        baseUrl: started.baseUrl,
        appId: 'app-e2e',
        apiKey: 'key-e2e',
        retry: { baseDelayMs: 10, maxDelayMs: 50 },
      };
      unrecorded = createCallControlClient(options);
      client = createCallControlClient({
        ...options,
        fetch: async (input, init) => {
          const response = await fetch(input, init);
          responses.push(response);
          return response;
        },
      });
    }, 60_000);
    afterAll(() => stop?.());

    it.each(COMMANDS)('%s → 202 with a valid envelope', async (command) => {
      // On a call that is answered (the source's first command), every other command is allowed.
      const session = crypto.randomUUID();
      if (command !== 'answer') await client.answer(session);
      const { data, error, response } = await client[command](session);
      expect(error).toBeUndefined();
      expect(response.status).toBe(202);
      expectValid('DeferredOperation', data);
    });

    it('hangup with the source’s cause → 202', async () => {
      const { data } = await client.hangup(crypto.randomUUID(), { cause: 'USER_BUSY', command_uid: 'e2e-hangup-1' });
      expect(data?.status).toBe('in_progress');
    });

    it('a cause that breaks the pattern → 422 problem as error', async () => {
      // The types forbid it; a caller without types can still send it.
      const { error, response } = await unrecorded.hangup(crypto.randomUUID(), { cause: 'user_busy' as 'USER_BUSY' });
      expect(response.status).toBe(422);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expectValid('Problem', error);
    });

    if (target.behavesLikeTheGateway) {
      it('gives each command its own operation_id, and replays a retried command_uid', async () => {
        const session = crypto.randomUUID();
        const first = await client.answer(session, { command_uid: 'e2e-replay' });
        const again = await client.answer(session, { command_uid: 'e2e-replay' });
        const other = await client.hangup(session);
        expect(again.data?.operation_id).toBe(first.data?.operation_id);
        expect(again.response.headers.get('idempotent-replayed')).toBe('true');
        expect(other.data?.operation_id).not.toBe(first.data?.operation_id);
      });

      it('a command on an ended session → 404 problem as error', async () => {
        const session = crypto.randomUUID();
        await client.disconnect(session);
        const { error } = await client.answer(session);
        expect(error?.status).toBe(404);
        expectValid('Problem', error);
      });

      it('answering an answered call → 409 problem as error', async () => {
        const session = crypto.randomUUID();
        await client.answer(session);
        const { error } = await client.answer(session);
        expect(error?.type).toBe(`${PROBLEM_TYPE_BASE}invalid-session-state`);
      });
    }

    it('no response to a valid request carried a contract violation (sl-violations)', () => {
      expect(responses.length).toBeGreaterThan(0);
      expect(responses.map((response) => response.headers.get('sl-violations')).filter(Boolean)).toEqual([]);
    });
  });
}
