// Type-level tests (Vitest typecheck): the generated types say what the spec says.
import { describe, expectTypeOf, it } from 'vitest';
import type {
  CommandName,
  CommandOperationId,
  CommandResultEvent,
  DeferredOperation,
  HangupCause,
  HangupRequest,
  KnownCommandName,
  KnownHangupCause,
  WebhookEvent,
  WebhookEventMap,
  WebhookEventType,
  operations,
  paths,
  webhooks,
} from '../src/index.js';

// The source document's three commands: a fact the types must show, whatever else is added.
type SourceCommandPath =
  | '/api/v1/sessions/{uuid}/commands/answer'
  | '/api/v1/sessions/{uuid}/commands/hangup'
  | '/api/v1/sessions/{uuid}/commands/disconnect';

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

  it("has the source's command paths, every path POST only", () => {
    expectTypeOf<SourceCommandPath>().toExtend<keyof paths>();
    expectTypeOf<{ [Path in keyof paths]: paths[Path]['get'] }[keyof paths]>().toEqualTypeOf<undefined>();
    expectTypeOf<{ [Path in keyof paths]: paths[Path]['post'] }[keyof paths]>().not.toEqualTypeOf<undefined>();
  });

  it('names the command operations, not the webhooks', () => {
    expectTypeOf<'answer' | 'hangup' | 'disconnect'>().toExtend<CommandOperationId>();
    type WebhookOperation = { [Name in keyof webhooks]: webhooks[Name]['post'] }[keyof webhooks];
    // Every operation is a command or a webhook, and no command is a webhook.
    expectTypeOf<operations[Exclude<keyof operations, CommandOperationId>]>().toExtend<WebhookOperation>();
    expectTypeOf<operations[CommandOperationId]>().not.toExtend<WebhookOperation>();
  });

  it('offers the known command names and accepts any lower-case name (an open set)', () => {
    const known: CommandName = 'hangup';
    const added: CommandName = 'added_by_this_test';
    // @ts-expect-error a command name is lower case
    const wrongCase: CommandName = 'Added_By_This_Test';
    expectTypeOf<CommandOperationId>().toExtend<KnownCommandName>();
    expectTypeOf<KnownCommandName>().toExtend<CommandName>();
    expectTypeOf<'added_by_this_test'>().not.toExtend<KnownCommandName>();
    void [known, added, wrongCase];
  });

  it('types the webhooks as a union discriminated by type', () => {
    expectTypeOf<'command.result' | 'call.answered' | 'call.hangup'>().toExtend<WebhookEventType>();
    // Each webhook's body says its own name in `type`.
    expectTypeOf<{ [Type in WebhookEventType]: WebhookEventMap[Type]['type'] }>().toEqualTypeOf<{
      [Type in WebhookEventType]: Type;
    }>();
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
