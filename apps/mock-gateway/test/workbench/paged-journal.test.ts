// The store behind both journals: bounded (the oldest forgotten first, and its index entries
// with it), read in pages through indexes brought up to date when read, counted, cleared.
// Checked against the obvious reading — a filter over every entry still held — on a journal
// that has wrapped many times, read after every append and after bursts of every length.
import { describe, expect, it } from 'vitest';
import { createPagedJournal } from '../../src/workbench/paged-journal.js';

interface Entry {
  n: number;
  colour: string;
  shape: string | null;
}

const journalOf = (size: number) =>
  createPagedJournal<Entry, 'colour' | 'shape'>({
    size,
    keys: { colour: (entry) => entry.colour, shape: (entry) => entry.shape },
  });

const COLOURS = ['red', 'green', 'blue'];
const SHAPES = ['round', 'square', null];
const entry = (n: number): Entry => ({ n, colour: COLOURS[n % 3]!, shape: SHAPES[(n * 7) % 3]! });

describe('createPagedJournal', () => {
  it('keeps the last `size` entries, oldest first', () => {
    const journal = journalOf(3);
    for (let n = 1; n <= 5; n++) expect(journal.append(entry(n))).toBe(n);
    expect(journal.size).toBe(3);
    expect(journal.page({}, 0, 10).entries.map((e) => e.n)).toEqual([3, 4, 5]);
    expect([journal.get(2), journal.get(3)?.n, journal.get(6)]).toEqual([undefined, 3, undefined]);
  });

  it.each([
    ['no filter', {}],
    ['one field', { colour: 'red' }],
    ['another', { shape: 'square' }],
    ['both', { colour: 'blue', shape: 'round' }],
    ['a value no entry has', { colour: 'mauve' }],
  ])('pages through %s as a filter over every entry held would, after wrapping', (_name, filter) => {
    const journal = journalOf(100);
    for (let n = 1; n <= 1_050; n++) journal.append(entry(n));
    const held = Array.from({ length: 100 }, (_, i) => entry(951 + i)).filter((e) =>
      Object.entries(filter).every(([key, value]) => e[key as keyof Entry] === value),
    );
    const read: number[] = [];
    let after = 0;
    for (let pages = 0; pages < 200; pages++) {
      const page = journal.page(filter, after, 7);
      read.push(...page.entries.map((e) => e.n));
      expect(page.seqs).toEqual(page.entries.map((e) => e.n)); // here an entry's n is its sequence number
      if (!page.more) break;
      expect(page.entries).toHaveLength(7);
      after = page.seqs.at(-1)!;
    }
    expect(read).toEqual(held.map((e) => e.n));
    expect(journal.count(filter)).toBe(held.length);
  });

  it('a cursor older than what it holds reads from the oldest; one past the newest reads nothing', () => {
    const journal = journalOf(5);
    for (let n = 1; n <= 20; n++) journal.append(entry(n));
    expect(journal.page({ colour: 'red' }, 3, 10).entries.map((e) => e.n)).toEqual([18]);
    expect(journal.page({}, 3, 10).entries.map((e) => e.n)).toEqual([16, 17, 18, 19, 20]);
    expect(journal.page({}, 20, 10)).toEqual({ entries: [], seqs: [], more: false });
  });

  it('refine narrows a page and a count beyond the indexes', () => {
    const journal = journalOf(50);
    for (let n = 1; n <= 50; n++) journal.append(entry(n));
    const even = (e: Entry) => e.n % 2 === 0;
    expect(journal.page({ colour: 'green' }, 0, 3, even).entries.map((e) => e.n)).toEqual([4, 10, 16]);
    expect(journal.count({ colour: 'green' }, even)).toBe(8);
  });

  it('matches says whether a filter selects an entry (null never matches a value)', () => {
    const journal = journalOf(1);
    expect(journal.matches(entry(3), { colour: 'red', shape: 'round' })).toBe(true);
    expect(journal.matches(entry(3), { colour: 'blue' })).toBe(false);
    expect(journal.matches(entry(2), { shape: 'null' })).toBe(false);
  });

  it('clear forgets everything and says how much; numbers go on, and the indexes start empty', () => {
    const journal = journalOf(10);
    for (let n = 1; n <= 15; n++) journal.append(entry(n));
    expect(journal.clear()).toBe(10);
    expect([journal.size, journal.count({ colour: 'red' }), journal.page({}, 0, 10).entries]).toEqual([0, 0, []]);
    expect(journal.append(entry(16))).toBe(16);
    expect(journal.page({ colour: 'green' }, 0, 10).entries.map((e) => e.n)).toEqual([16]);
    expect(journal.page({}, 15, 10).seqs).toEqual([16]);
  });

  it("a value with one, two or three entries (a call's) reads as a filter over what is held would, at every step", () => {
    // Values come in runs of 1, 2 and 3 entries, so each is indexed alone, then in a list, and
    // forgotten from either, while the journal wraps.
    const callOf: string[] = [];
    for (let run = 0; callOf.length < 300; run++) for (let i = 0; i <= run % 3; i++) callOf.push(`call${run}`);
    const journal = createPagedJournal<{ n: number; call: string }, 'call'>({ size: 7, keys: { call: (e) => e.call } });
    for (let n = 1; n <= 300; n++) {
      journal.append({ n, call: callOf[n - 1]! });
      const held = Array.from({ length: Math.min(n, 7) }, (_, i) => n - Math.min(n, 7) + 1 + i);
      for (const call of new Set(callOf.slice(Math.max(0, n - 9), n))) {
        const expected = held.filter((m) => callOf[m - 1] === call);
        expect(journal.page({ call }, 0, 10).entries.map((e) => e.n)).toEqual(expected);
        expect(journal.count({ call })).toBe(expected.length);
      }
    }
  });

  it('reads as a filter over what is held would after a burst of any length, each index read or not in between', () => {
    // Bursts shorter than, as long as, and longer than the journal, so the indexes catch up on
    // entries some of which were forgotten unread, and forget entries they had indexed; each
    // burst is read through some of the indexes only (then through all of them), so one index
    // is behind while another is up to date.
    const size = 12;
    const journal = journalOf(size);
    const filters = [{ colour: 'red' }, { shape: 'square' }, { colour: 'green', shape: 'round' }];
    let n = 0;
    const bursts = [1, 0, 5, 11, 12, 13, 2, 30, 1, 1, 7, 25, 3, 4, 14, 6];
    for (const [step, burst] of bursts.entries()) {
      for (let i = 0; i < burst; i++) journal.append(entry(++n));
      const held = Array.from({ length: Math.min(n, size) }, (_, i) => entry(n - Math.min(n, size) + 1 + i));
      const read =
        step === bursts.length - 1 ? filters : [filters[step % 2]!, ...(step % 5 === 0 ? [filters[2]!] : [])];
      for (const filter of read) {
        const expected = held
          .filter((e) => Object.entries(filter).every(([key, value]) => e[key as keyof Entry] === value))
          .map((e) => e.n);
        expect(journal.page(filter, 0, size).entries.map((e) => e.n)).toEqual(expected);
        expect(journal.count(filter)).toBe(expected.length);
      }
    }
  });

  it('newestSeqOf finds the newest entry of a value while one is held, read or not before', () => {
    const journal = journalOf(4);
    for (let n = 1; n <= 6; n++) journal.append(entry(n)); // red: 3, 6; green: 4; blue: 5
    expect([journal.newestSeqOf('colour', 'red'), journal.newestSeqOf('colour', 'green')]).toEqual([6, 4]);
    journal.append(entry(7)); // green: 4, 7
    expect(journal.newestSeqOf('colour', 'green')).toBe(7);
    for (let n = 8; n <= 11; n++) journal.append(entry(n)); // holds 8–11: red 9, green 10, blue 8 and 11
    expect([journal.newestSeqOf('colour', 'red'), journal.newestSeqOf('colour', 'mauve')]).toEqual([9, undefined]);
    journal.clear();
    expect(journal.newestSeqOf('colour', 'blue')).toBeUndefined();
  });

  it('counts only what it holds: 100,000 distinct values through a journal of 10', () => {
    const journal = createPagedJournal<{ id: string }, 'id'>({ size: 10, keys: { id: (e) => e.id } });
    for (let n = 0; n < 100_000; n++) journal.append({ id: `v${n}` });
    expect(journal.count({ id: 'v99990' })).toBe(1);
    expect(journal.count({ id: 'v99989' })).toBe(0);
    expect(journal.size).toBe(10);
  });
});
