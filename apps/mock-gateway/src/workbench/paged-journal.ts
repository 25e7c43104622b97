// A bounded journal read in pages: the store behind both journals (`/__mock/deliveries`,
// `/__mock/requests`). Each entry gets the next sequence number; past `size` entries the oldest
// is forgotten, in O(1). Each indexed field keeps, per value, the sequence numbers of its
// entries in order, so a page filtered by a field starts with a binary search and reads only
// entries that match: it costs time in proportion to the page, not to the journal (a page of
// 100 from 100,000 entries is one of the bench's cases). The entries themselves sit in a ring,
// so "the entries after this one" needs no search at all.
//
// Each index is brought up to date when it is read, not on every append: appending is the hot
// path (a request under load appends three entries and forgets three), and most entries of a
// busy journal are forgotten before anyone filters by them. Each entry is still filed at most
// once per index, so the first read of an index after a burst pays for the entries the burst
// added (at most `size`), and the reads after it only for their page; an index that is never
// read (a filter nobody uses) costs nothing, and neither does an entry forgotten before its
// index was read. The fields an index reads must not change once an entry is in.
import { file, type Index, SeqList, unfile } from './journal-index.js';

/** Filters by indexed field: an entry matches when each given field has the value given. */
export type JournalFilter<Key extends string> = Partial<Record<Key, string>>;

export interface JournalPage<Entry> {
  /** Oldest first. */
  entries: Entry[];
  /** The sequence number of each entry, in the same order (the cursor of the next page). */
  seqs: number[];
  /** Whether more entries match after the last one. */
  more: boolean;
}

export interface PagedJournalOptions<Entry, Key extends string> {
  /** How many entries are kept (the oldest are forgotten first). */
  size: number;
  /** Each indexed field of an entry (null: the entry has none, and no filter by it matches it). */
  keys: Record<Key, (entry: Entry) => string | null>;
}

export function createPagedJournal<Entry, Key extends string>({ size, keys }: PagedJournalOptions<Entry, Key>) {
  const keyNames = Object.keys(keys) as Key[];
  const indexes: Index<Entry, Key>[] = keyNames.map((key) => ({
    key,
    fieldOf: keys[key],
    postings: new Map(),
    through: 0,
  }));
  // The ring: the entry of sequence number `seq` is at `(seq - origin) % size`. It grows to
  // `size` as entries come (a fresh mock holds nothing), and is let go by `clear`.
  let ring: Entry[] = [];
  let origin = 1;
  let oldest = 1; // the oldest sequence number held
  let newest = 0; // the newest sequence number given

  const slotOf = (seq: number) => (seq - origin) % size;
  const entryAt = (seq: number) => ring[slotOf(seq)]!;

  /** Files the entries appended since the index was last read. */
  const catchUp = (index: Index<Entry, Key>) => {
    for (let seq = Math.max(index.through + 1, oldest); seq <= newest; seq++) file(index, entryAt(seq), seq);
    index.through = newest;
  };

  /** Takes the journal's oldest entry out of the indexes that filed it. */
  const forgetOldest = () => {
    const entry = entryAt(oldest);
    for (const index of indexes) if (oldest <= index.through) unfile(index, entry); // else never filed, now never will be
    oldest += 1;
  };

  /** The lists the filter reads, or undefined when a value has no entries (nothing matches). */
  const listsOf = (filter: JournalFilter<Key>): { key: Key; value: string; list: SeqList }[] | undefined => {
    const lists = [];
    for (const index of indexes) {
      const { key, postings } = index;
      const value = filter[key];
      if (value === undefined) continue;
      if (index.through < newest) catchUp(index);
      const held = postings.get(value);
      if (held === undefined) return undefined;
      lists.push({ key, value, list: typeof held === 'number' ? new SeqList(held) : held });
    }
    return lists;
  };

  /**
   * Calls `visit` with each entry after `after` that the filter selects, oldest first, until it
   * returns false. Reads the shortest list the filter names (or the ring, without a filter).
   */
  function scan(filter: JournalFilter<Key>, after: number, visit: (entry: Entry, seq: number) => boolean): void {
    const lists = listsOf(filter);
    if (lists === undefined) return;
    if (lists.length === 0) {
      for (let seq = Math.max(after + 1, oldest); seq <= newest; seq++) if (!visit(entryAt(seq), seq)) return;
      return;
    }
    lists.sort((a, b) => a.list.size - b.list.size);
    const [shortest, ...others] = lists;
    const { list } = shortest!;
    for (let position = list.firstAfter(after); position < list.size; position++) {
      const seq = list.at(position)!;
      const entry = entryAt(seq);
      if (others.every(({ key, value }) => keys[key](entry) === value) && !visit(entry, seq)) return;
    }
  }

  return {
    get size() {
      return newest - oldest + 1;
    },
    /** The newest sequence number given so far (0 before the first). */
    get newest() {
      return newest;
    },
    /** Adds an entry (forgetting the oldest when full); its sequence number. */
    append(entry: Entry): number {
      const seq = ++newest;
      if (newest - oldest + 1 > size) forgetOldest();
      const slot = slotOf(seq);
      if (slot === ring.length) ring.push(entry);
      else ring[slot] = entry;
      return seq;
    },
    /** The entry of a sequence number, while it is held. */
    get(seq: number): Entry | undefined {
      return Number.isInteger(seq) && seq >= oldest && seq <= newest ? entryAt(seq) : undefined;
    },
    /** The sequence number of the newest entry whose `key` is `value` (of an id: its entry's), while one is held. */
    newestSeqOf(key: Key, value: string): number | undefined {
      const index = indexes.find((candidate) => candidate.key === key)!;
      if (index.through < newest) catchUp(index);
      const held = index.postings.get(value);
      return held === undefined || typeof held === 'number' ? held : held.at(held.size - 1);
    },
    /** Whether an entry is selected by a filter (the test a wait applies to each new entry). */
    matches(entry: Entry, filter: JournalFilter<Key>): boolean {
      return keyNames.every((key) => filter[key] === undefined || keys[key](entry) === filter[key]);
    },
    /**
     * Up to `limit` entries after sequence number `after` that the filter selects and `refine`
     * (a test on what no index holds) accepts, oldest first.
     */
    page(filter: JournalFilter<Key>, after: number, limit: number, refine?: (entry: Entry) => boolean) {
      const page: JournalPage<Entry> = { entries: [], seqs: [], more: false };
      scan(filter, after, (entry, seq) => {
        if (refine !== undefined && !refine(entry)) return true;
        if (page.entries.length === limit) {
          page.more = true;
          return false;
        }
        page.entries.push(entry);
        page.seqs.push(seq);
        return true;
      });
      return page;
    },
    /** How many entries the filter selects: for one indexed field, its list's length (once the index is up to date), else a scan of its shortest list. */
    count(filter: JournalFilter<Key>, refine?: (entry: Entry) => boolean): number {
      const lists = listsOf(filter);
      if (lists === undefined) return 0;
      if (refine === undefined && lists.length === 0) return newest - oldest + 1;
      if (refine === undefined && lists.length === 1) return lists[0]!.list.size;
      let found = 0;
      scan(filter, 0, (entry) => {
        if (refine === undefined || refine(entry)) found += 1;
        return true;
      });
      return found;
    },
    /** Forgets every entry (their memory is let go); sequence numbers go on from where they were. How many it held. */
    clear(): number {
      const held = newest - oldest + 1;
      ring = [];
      for (const { postings } of indexes) postings.clear();
      origin = oldest = newest + 1;
      for (const index of indexes) index.through = newest;
      return held;
    },
  };
}

export type PagedJournal<Entry, Key extends string> = ReturnType<typeof createPagedJournal<Entry, Key>>;
