import type { CommandResultEvent } from '@call-control/types';
import { describe, expect, it } from 'vitest';
import { CommandRejectedError, createOperationTracker, OperationTimeoutError } from '../src/operation-tracker.js';
import { example } from './support/fixtures.js';

const result = (operationId: string): CommandResultEvent => {
  const event = example('CommandResultHangupSucceeded') as CommandResultEvent;
  return { ...event, data: { ...event.data, operation_id: operationId } };
};

describe('createOperationTracker', () => {
  it('accepts an envelope, a client result, or an operation_id', async () => {
    const tracker = createOperationTracker();
    const envelope = { operation_id: 'op-1', status: 'in_progress' as const, timeout_ms: 2000 };
    const pending = [
      tracker.track(envelope),
      tracker.track({ data: { ...envelope, operation_id: 'op-2' } }),
      tracker.track('op-3'),
    ];
    for (const id of ['op-1', 'op-2', 'op-3']) tracker.settle(result(id));
    expect((await Promise.all(pending)).map((event) => event.data.operation_id)).toEqual(['op-1', 'op-2', 'op-3']);
  });

  it('resolves every waiter of the same operation', async () => {
    const tracker = createOperationTracker();
    const both = Promise.all([tracker.track('op-1'), tracker.track('op-1')]);
    expect(tracker.waiting).toBe(2);
    tracker.settle(result('op-1'));
    expect((await both).map((event) => event.data.operation_id)).toEqual(['op-1', 'op-1']);
    expect(tracker.waiting).toBe(0);
  });

  it('buffers early results, at most maxBuffered, oldest dropped first', async () => {
    const tracker = createOperationTracker({ maxBuffered: 2, timeoutMs: 20 });
    for (const id of ['op-1', 'op-2', 'op-3']) tracker.settle(result(id));
    expect(tracker.buffered).toBe(2);
    expect((await tracker.track('op-3')).data.operation_id).toBe('op-3');
    await expect(tracker.track('op-1')).rejects.toBeInstanceOf(OperationTimeoutError);
  });

  it('drops early results older than bufferTtlMs', async () => {
    const tracker = createOperationTracker({ bufferTtlMs: 10, timeoutMs: 20 });
    tracker.settle(result('op-1'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(tracker.buffered).toBe(0);
    await expect(tracker.track('op-1')).rejects.toThrow('no command.result for operation op-1 within 20 ms');
  });

  it('rejects a call that failed, with its problem', async () => {
    const tracker = createOperationTracker();
    const problem = {
      type: 'https://gateway.example.com/problems/session-not-found',
      title: 'Session not found',
      status: 404,
      detail: 'gone',
    };
    const rejection = await tracker.track({ data: undefined, error: problem }).catch((error: unknown) => error);
    expect(rejection).toBeInstanceOf(CommandRejectedError);
    expect((rejection as CommandRejectedError).problem).toBe(problem);
  });
});
