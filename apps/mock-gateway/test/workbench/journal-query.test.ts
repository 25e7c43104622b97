// A journal's query read the same way for both journals: each parameter against its rule
// (every one that breaks it named), the defaults, and the `next` link of a page.
import FakeTimers from '@sinonjs/fake-timers';
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../src/common/clock.js';
import {
  DEFAULT_PAGE_LIMIT,
  type JournalSource,
  MAX_PAGE_LIMIT,
  readJournalQuery,
  readPage,
} from '../../src/workbench/journal-query.js';
import { createJournalWaits } from '../../src/workbench/journal-waits.js';
import { createPagedJournal } from '../../src/workbench/paged-journal.js';

const FILTERS = {
  colour: {
    holds: (v: string) => /^[a-z]+$/.test(v),
    detail: 'must be a colour',
    normal: (v: string) => v.toLowerCase(),
  },
};
const CURSOR = {
  seqOf: (text: string) => (/^n\d+$/.test(text) ? Number(text.slice(1)) : undefined),
  detail: 'must be n and a number',
};
const read = (query: string) => readJournalQuery(new URL(`http://mock/j?${query}`), FILTERS, CURSOR);

describe('readJournalQuery', () => {
  it('gives the defaults, and reads each parameter', () => {
    expect(read('')).toEqual({ ok: true, value: { filter: {}, after: 0, limit: DEFAULT_PAGE_LIMIT, waitMs: 0 } });
    expect(read(`colour=red&after=n7&limit=${MAX_PAGE_LIMIT}&wait_ms=30000`)).toEqual({
      ok: true,
      value: { filter: { colour: 'red' }, after: 7, limit: MAX_PAGE_LIMIT, waitMs: 30_000 },
    });
  });

  it.each([
    ['limit=1.5', 'limit'],
    ['limit=01', 'limit'],
    ['limit=', 'limit'],
    ['wait_ms=1e3', 'wait_ms'],
    ['after=7', 'after'],
    ['colour=Red!', 'colour'],
    ['size=1', 'size'],
    ['colour=red&colour=blue', 'colour'],
  ])('refuses %s, naming %s', (query, parameter) => {
    const result = read(query);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason.map((error) => 'parameter' in error && error.parameter)).toEqual([parameter]);
  });

  it('takes no paging parameter where there is no cursor (a count)', () => {
    const result = readJournalQuery(new URL('http://mock/j?limit=5&colour=red'), FILTERS, undefined);
    expect(!result.ok && result.reason).toEqual([
      { parameter: 'limit', detail: 'is not a parameter here (use colour)' },
    ]);
  });
});

describe('readPage', () => {
  const clock: Clock = (() => {
    const fake = FakeTimers.createClock(0);
    return { now: () => fake.now, setTimeout: fake.setTimeout, clearTimeout: (id) => fake.clearTimeout(id as never) };
  })();
  const journal = createPagedJournal<{ n: number; colour: string }, 'colour'>({
    size: 10,
    keys: { colour: (e) => e.colour },
  });
  for (let n = 1; n <= 5; n++) journal.append({ n, colour: n % 2 ? 'red' : 'blue' });
  const source: JournalSource<{ n: number; colour: string }, 'colour'> = {
    journal,
    waits: createJournalWaits({ clock }),
    refine: () => undefined,
    seqOf: (e) => e.n,
    idOf: (e) => `n${e.n}`,
    toJson: (e) => e.n,
  };
  const never = () => () => {};

  it('links to the next page while more match, keeping the rest of the query', async () => {
    const url = new URL('http://mock/j?colour=red&limit=2');
    const query = { filter: { colour: 'red' }, after: 0, limit: 2, waitMs: 0 };
    expect(await readPage(source, query, url, 'items', never)).toEqual({
      items: [1, 3],
      next: '/j?colour=red&limit=2&after=n3',
    });
    expect(await readPage(source, { ...query, after: 3 }, url, 'items', never)).toEqual({ items: [5], next: null });
  });
});
