// Type-level tests (Vitest typecheck): the generated types say what the spec says.
import { describe, expectTypeOf, it } from 'vitest';
import type {
  CommandOperationId,
  CommandResultEvent,
  DeferredOperation,
  HangupCause,
  HangupRequest,
  KnownHangupCause,
  WebhookEvent,
  WebhookEventMap,
  WebhookEventType,
  paths,
} from '../src/index.js';

describe('@call-control/types', () => {
  it('types the 202 envelope', () => {
    expectTypeOf<DeferredOperation>().toEqualTypeOf<{
      operation_id: string;
      status: 'in_progress';
      timeout_ms: number;
    }>();
  });

  it('offers the known cause names and accepts any upper-case name', () => {
    const known: HangupCause = 'USER_BUSY';
    const unknownButWellFormed: HangupCause = 'SOME_FUTURE_CAUSE';
    // @ts-expect-error a lower-case name breaks ^[A-Z_]+$
    const misspelled: HangupCause = 'user_busy';
    // @ts-expect-error a mixed-case name breaks ^[A-Z_]+$
    const mixedCase: HangupCause = 'Normal_Clearing';
    expectTypeOf<'NORMAL_CLEARING'>().toExtend<KnownHangupCause>();
    expectTypeOf<KnownHangupCause>().toExtend<HangupCause>();
    expectTypeOf<'SOME_FUTURE_CAUSE'>().not.toExtend<KnownHangupCause>();
    void [known, unknownButWellFormed, misspelled, mixedCase];
  });

  it('types request bodies: optional fields, no unknown ones', () => {
    const empty: HangupRequest = {};
    const full: HangupRequest = { cause: 'USER_BUSY', command_uid: 'order-4711.hangup_1' };
    // @ts-expect-error cause is a string
    const wrongType: HangupRequest = { cause: 17 };
    // @ts-expect-error no such field
    const unknownField: HangupRequest = { reason: 'busy' };
    void [empty, full, wrongType, unknownField];
  });

  it('has exactly the three command paths, POST only', () => {
    expectTypeOf<keyof paths>().toEqualTypeOf<
      | '/api/v1/sessions/{uuid}/commands/answer'
      | '/api/v1/sessions/{uuid}/commands/hangup'
      | '/api/v1/sessions/{uuid}/commands/disconnect'
    >();
    expectTypeOf<paths['/api/v1/sessions/{uuid}/commands/answer']['get']>().toEqualTypeOf<undefined>();
  });

  it('names the command operations, not the webhooks', () => {
    expectTypeOf<CommandOperationId>().toEqualTypeOf<'answer' | 'hangup' | 'disconnect'>();
  });

  it('types the webhooks as a union discriminated by type', () => {
    expectTypeOf<WebhookEventType>().toEqualTypeOf<'command.result' | 'call.answered' | 'call.hangup'>();
    expectTypeOf<WebhookEventMap['command.result']>().toEqualTypeOf<CommandResultEvent>();
    const narrow = (event: WebhookEvent) => {
      if (event.type === 'call.hangup') {
        expectTypeOf(event.data.hangup_cause_code).toEqualTypeOf<number>();
        expectTypeOf(event.data.operation_id).toEqualTypeOf<string | null>();
      }
      if (event.type === 'command.result') {
        expectTypeOf(event.data.status).toEqualTypeOf<'succeeded' | 'failed' | 'timed_out'>();
        // @ts-expect-error command.result has no hangup_cause
        void event.data.hangup_cause;
      }
    };
    void narrow;
  });
});
