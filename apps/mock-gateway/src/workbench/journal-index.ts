// One field's index in a paged journal: per value, the sequence numbers of its entries in
// order. Most values of a busy journal (a session's, an operation's) have one entry or a few,
// so a value with one holds the number itself, and a list only once it has more. The journal
// files its entries here when the index is read (see paged-journal.ts), and takes its oldest out
// as it forgets it.

/** The sequence numbers of one value's entries, ascending; the oldest are dropped from the front. */
export class SeqList {
  private items: number[];
  private head = 0;
  constructor(...seqs: number[]) {
    this.items = seqs;
  }
  get size() {
    return this.items.length - this.head;
  }
  push(seq: number) {
    this.items.push(seq);
  }
  /** The oldest is forgotten (it is always the journal's oldest too). */
  dropHead() {
    this.head += 1;
    // Drop the consumed front now and then: amortised O(1), and the array never keeps it all.
    if (this.head >= 1_024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
  at(position: number): number | undefined {
    return this.items[this.head + position];
  }
  /** The position of the first sequence number after `seq` (binary search). */
  firstAfter(seq: number): number {
    let [low, high] = [this.head, this.items.length];
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.items[middle]! <= seq) low = middle + 1;
      else high = middle;
    }
    return low - this.head;
  }
}

/**
 * One value's entries: the sequence number of its only entry, or the list once it has more.
 * Most values of a busy journal (a session's, an operation's) have one or a few entries, and a
 * number costs the collector nothing: appending is the hot path, reading the rare one.
 */
type Postings = number | SeqList;

/** An index: each value of one field, and its entries. */
export interface Index<Entry, Key extends string> {
  key: Key;
  fieldOf: (entry: Entry) => string | null;
  postings: Map<string, Postings>;
  /** The entries held up to this sequence number are filed here. */
  through: number;
}

/** Files an entry under its value in an index (none: in no list). */
export function file<Entry, Key extends string>({ fieldOf, postings }: Index<Entry, Key>, entry: Entry, seq: number) {
  const value = fieldOf(entry);
  if (value === null) return;
  const held = postings.get(value);
  if (held === undefined) postings.set(value, seq);
  else if (typeof held === 'number') postings.set(value, new SeqList(held, seq));
  else held.push(seq);
}

/** Takes the journal's oldest entry out of an index that filed it: it is the oldest of its value too, its only one or its list's head. */
export function unfile<Entry, Key extends string>({ fieldOf, postings }: Index<Entry, Key>, entry: Entry) {
  const value = fieldOf(entry);
  if (value === null) return;
  const held = postings.get(value)!;
  if (typeof held === 'number') postings.delete(value);
  else {
    held.dropHead();
    if (held.size === 0) postings.delete(value);
  }
}
