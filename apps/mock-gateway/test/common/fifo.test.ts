import { expect, it } from 'vitest';
import { createFifo } from '../../src/common/fifo.js';

it('gives values back in the order they came, and undefined when empty', () => {
  const fifo = createFifo<number>();
  expect(fifo.shift()).toBeUndefined();
  for (const n of [1, 2, 3]) fifo.push(n);
  expect([fifo.shift(), fifo.size, fifo.shift(), fifo.shift(), fifo.shift(), fifo.size]).toEqual([
    1,
    2,
    2,
    3,
    undefined,
    0,
  ]);
});

it('keeps its order across many pushes and shifts (the consumed front is dropped as it goes)', () => {
  const fifo = createFifo<number>();
  const out: number[] = [];
  for (let n = 0; n < 10_000; n++) {
    fifo.push(n);
    if (n % 3 !== 0) out.push(fifo.shift()!);
  }
  while (fifo.size > 0) out.push(fifo.shift()!);
  expect(out).toEqual(Array.from({ length: 10_000 }, (_, n) => n));
});

it('retain keeps only the wanted values, in order', () => {
  const fifo = createFifo<number>();
  for (let n = 0; n < 10; n++) fifo.push(n);
  fifo.shift();
  fifo.retain((n) => n % 2 === 0);
  expect([fifo.size, fifo.shift(), fifo.shift(), fifo.shift(), fifo.shift(), fifo.shift()]).toEqual([
    4,
    2,
    4,
    6,
    8,
    undefined,
  ]);
});

it('stays O(1) for a store that evicts its oldest on every insert (unlike a large Map’s first key)', () => {
  // Not a timing assertion: it counts the work. Pushing and shifting 200,000 values touches each once.
  const fifo = createFifo<number>();
  for (let n = 0; n < 200_000; n++) {
    fifo.push(n);
    if (fifo.size > 1_000) fifo.shift();
  }
  expect(fifo.size).toBe(1_000);
  expect(fifo.shift()).toBe(199_000);
});

it('peek shows the oldest without taking it', () => {
  const fifo = createFifo<string>();
  expect(fifo.peek()).toBeUndefined();
  fifo.push('a');
  fifo.push('b');
  expect([fifo.peek(), fifo.size, fifo.shift(), fifo.peek()]).toEqual(['a', 2, 'a', 'b']);
});

it('clear lets every value go, and the queue works on as new', () => {
  const fifo = createFifo<number>();
  for (let n = 0; n < 3_000; n++) fifo.push(n);
  fifo.shift();
  fifo.clear();
  expect([fifo.size, fifo.shift(), fifo.peek()]).toEqual([0, undefined, undefined]);
  fifo.push(7);
  expect([fifo.size, fifo.shift()]).toEqual([1, 7]);
});
