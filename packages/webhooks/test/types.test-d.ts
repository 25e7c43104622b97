// Type-level: handlers are typed per event, every event needs one, and no other is accepted.
import { describe, expectTypeOf, it } from 'vitest';
import { createWebhookHandler, verifyWebhook, type WebhookEventType } from '../src/index.js';

const noop = () => {};
/** A handler for every webhook of the spec, whichever they are. */
const everyHandler = {} as Record<WebhookEventType, typeof noop>;

describe('createWebhookHandler types', () => {
  it('types each handler by its event', () => {
    createWebhookHandler({
      secret: 'whsec_x',
      on: {
        'command.result': (event) => {
          expectTypeOf(event.data.status).toEqualTypeOf<'succeeded' | 'failed' | 'timed_out'>();
          // @ts-expect-error command.result has no hangup_cause
          void event.data.hangup_cause;
        },
        'call.answered': (event) => {
          expectTypeOf(event.type).toEqualTypeOf<'call.answered'>();
        },
        'call.hangup': (event) => {
          expectTypeOf(event.data.duration_ms).toEqualTypeOf<number>();
        },
      },
    });
  });

  it('takes a handler for every event', () => {
    createWebhookHandler({ secret: 'whsec_x', on: everyHandler });
  });

  it('rejects a handler for an event that does not exist', () => {
    createWebhookHandler({
      secret: 'whsec_x',
      on: {
        ...everyHandler,
        // @ts-expect-error no such webhook
        'not.a_webhook': noop,
      },
    });
  });

  it('requires a handler for every event', () => {
    const { 'call.hangup': _dropped, ...allButOne } = everyHandler;
    // @ts-expect-error call.hangup is not handled
    createWebhookHandler({ secret: 'whsec_x', on: allButOne });
  });

  it("types command.result's command as the known names or any lower-case name (an open set)", () => {
    createWebhookHandler({
      secret: 'whsec_x',
      on: {
        ...everyHandler,
        'command.result': (event) => {
          const command: string = event.data.command;
          void command;
          expectTypeOf<'added_by_this_test'>().toExtend<typeof event.data.command>();
        },
      },
    });
  });

  it('returns a union discriminated by type from verifyWebhook', () => {
    const event = verifyWebhook('', {}, 'whsec_x');
    if (event.type === 'call.answered') expectTypeOf(event.data.answer_time).toEqualTypeOf<string>();
    // @ts-expect-error answer_time is not on every event
    void event.data.answer_time;
  });
});
