// One field's index: a value's entries filed in order (the number alone while there is one),
// the oldest taken out from the front, and a binary search for "the entries after this one".
import { expect, it } from 'vitest';
import { file, type Index, SeqList, unfile } from '../../src/workbench/journal-index.js';

interface Entry {
  seq: number;
  colour: string | null;
}

const colourIndex = (): Index<Entry, 'colour'> => ({
  key: 'colour',
  fieldOf: (entry) => entry.colour,
  postings: new Map(),
  through: 0,
});

it('holds a value with one entry as its number, with more as a list in order; none files nothing', () => {
  const index = colourIndex();
  const entries: Entry[] = [
    { seq: 1, colour: 'red' },
    { seq: 2, colour: 'blue' },
    { seq: 3, colour: 'red' },
    { seq: 4, colour: null },
    { seq: 5, colour: 'red' },
  ];
  for (const entry of entries) file(index, entry, entry.seq);
  expect(index.postings.get('blue')).toBe(2);
  const reds = index.postings.get('red') as SeqList;
  expect([reds.size, reds.at(0), reds.at(1), reds.at(2)]).toEqual([3, 1, 3, 5]);
  expect([...index.postings.keys()].sort()).toEqual(['blue', 'red']);
});

it('takes the oldest entry out: a lone value goes, a list loses its head and goes when empty', () => {
  const index = colourIndex();
  const entries: Entry[] = [
    { seq: 1, colour: 'red' },
    { seq: 2, colour: 'blue' },
    { seq: 3, colour: 'red' },
  ];
  for (const entry of entries) file(index, entry, entry.seq);
  unfile(index, entries[0]!);
  expect((index.postings.get('red') as SeqList).at(0)).toBe(3);
  unfile(index, entries[1]!);
  expect(index.postings.has('blue')).toBe(false);
  unfile(index, entries[2]!);
  expect(index.postings.size).toBe(0);
});

it('finds the first entry after a sequence number, also once thousands were dropped from the front', () => {
  const list = new SeqList();
  for (let seq = 10; seq <= 50_000; seq += 10) list.push(seq);
  for (let dropped = 0; dropped < 3_000; dropped++) list.dropHead(); // past the front's compaction
  expect([list.size, list.at(0)]).toEqual([2_000, 30_010]);
  expect([list.firstAfter(0), list.firstAfter(30_010), list.firstAfter(30_015), list.firstAfter(50_000)]).toEqual([
    0, 1, 1, 2_000,
  ]);
});
