// A first-in, first-out queue with O(1) push and shift. The bounded stores forget their oldest
// entry on each insert once full; asking a Map for its first key instead costs time that grows
// with how many were deleted before it (V8 skips the deleted slots one by one; the figure is in
// ADR 0010), which a load test pays on every command.

export interface Fifo<T> {
  push(value: T): void;
  /** The oldest value, removed; undefined when empty. */
  shift(): T | undefined;
  /** The oldest value, left in place. */
  peek(): T | undefined;
  /** Keeps only the values `keep` says yes to, in order (for a queue that names stale entries). */
  retain(keep: (value: T) => boolean): void;
  /** Lets every value go at once (a reset). */
  clear(): void;
  readonly size: number;
}

export function createFifo<T>(): Fifo<T> {
  let items: (T | undefined)[] = [];
  let head = 0;
  return {
    push(value) {
      items.push(value);
    },
    shift() {
      if (head === items.length) return undefined;
      const value = items[head];
      items[head++] = undefined;
      // Drop the consumed front now and then: amortised O(1), and the array never keeps it all.
      if (head >= 1_024 && head * 2 >= items.length) {
        items = items.slice(head);
        head = 0;
      }
      return value;
    },
    peek() {
      return items[head];
    },
    retain(keep) {
      items = items.slice(head).filter((value) => keep(value as T));
      head = 0;
    },
    clear() {
      items = [];
      head = 0;
    },
    get size() {
      return items.length - head;
    },
  };
}
