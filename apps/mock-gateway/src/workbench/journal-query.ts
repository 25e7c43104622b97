// Reading a journal over HTTP, the same way for both journals: the query's filters, `limit`,
// the cursor `after` and `wait_ms`, each checked (a problem names every parameter that breaks
// its rule); then one page, oldest first, with a `next` link when more entries match — held,
// when `wait_ms` asks and nothing matches yet, until one does.
import type { HttpResult } from '../common/http-result.js';
import type { FieldError, Problems } from '../common/problems.js';
import { accept, type Outcome, refuse } from '../common/outcome.js';
import type { Abandoned, JournalWaits } from './journal-waits.js';
import { DEFAULT_MAX_WAITING, MAX_WAIT_MS } from './journal-waits.js';
import type { JournalFilter, PagedJournal } from './paged-journal.js';

/** A page's size when `limit` is not given, and the most it may ask for. */
export const DEFAULT_PAGE_LIMIT = 100;
export const MAX_PAGE_LIMIT = 1_000;

export interface ParameterRule {
  holds: (value: string) => boolean;
  /** What a value must be, said after the parameter's name. */
  detail: string;
  /** The value as the journal holds it (UUIDs in lower case). */
  normal?: (value: string) => string;
}

export interface JournalQuery {
  /** Each filter given, normalised; indexed or not. */
  filter: Record<string, string>;
  /** The sequence number the page starts after (0: from the oldest). */
  after: number;
  limit: number;
  waitMs: number;
}

const WHOLE = /^(0|[1-9]\d{0,8})$/;
const paging = (name: string, max: number): ParameterRule => ({
  holds: (value) => WHOLE.test(value) && Number(value) <= max && (name === 'wait_ms' || Number(value) >= 1),
  detail:
    name === 'wait_ms' ? `must be whole milliseconds from 0 to ${max}` : `must be a whole number from 1 to ${max}`,
});

/**
 * The query's parameters against their rules: `filters`, `limit`, `wait_ms` (when `paged`) and
 * the cursor `after`, which `cursor` turns into a sequence number (undefined: not one it knows).
 */
export function readJournalQuery(
  url: URL,
  filters: Record<string, ParameterRule>,
  cursor: { seqOf: (text: string) => number | undefined; detail: string } | undefined,
): Outcome<JournalQuery, FieldError[]> {
  const rules: Record<string, ParameterRule> = { ...filters };
  if (cursor !== undefined) {
    rules.limit = paging('limit', MAX_PAGE_LIMIT);
    rules.wait_ms = paging('wait_ms', MAX_WAIT_MS);
    rules.after = { holds: (text) => cursor.seqOf(text) !== undefined, detail: cursor.detail };
  }
  const query: JournalQuery = { filter: {}, after: 0, limit: DEFAULT_PAGE_LIMIT, waitMs: 0 };
  const errors: FieldError[] = [];
  for (const name of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(name);
    const rule = Object.hasOwn(rules, name) ? rules[name] : undefined;
    if (rule === undefined)
      errors.push({ parameter: name, detail: `is not a parameter here (use ${Object.keys(rules).join(', ')})` });
    else if (values.length > 1) errors.push({ parameter: name, detail: 'must be given once' });
    else if (!rule.holds(values[0]!)) errors.push({ parameter: name, detail: rule.detail });
    else if (name === 'limit') query.limit = Number(values[0]);
    else if (name === 'wait_ms') query.waitMs = Number(values[0]);
    else if (name === 'after') query.after = cursor!.seqOf(values[0]!)!;
    else query.filter[name] = rule.normal?.(values[0]!) ?? values[0]!;
  }
  return errors.length > 0 ? refuse(errors) : accept(query);
}

/** What a page is read from, and how its entries are written. */
export interface JournalSource<Entry, Key extends string> {
  journal: PagedJournal<Entry, Key>;
  waits: JournalWaits<Entry>;
  /** The filters no index holds, tested entry by entry (undefined: none given). */
  refine: (filter: Record<string, string>) => ((entry: Entry) => boolean) | undefined;
  seqOf: (entry: Entry) => number;
  idOf: (entry: Entry) => string;
  toJson: (entry: Entry) => unknown;
}

/** The answer to a read that asks to wait when too many already do. */
export const refuseWait = (problems: Problems, instance: string): HttpResult =>
  problems.of('mock-too-many-waits', {
    detail: `${DEFAULT_MAX_WAITING} reads are waiting already; read without wait_ms, or once one of them has its answer.`,
    instance,
    errors: [{ parameter: 'wait_ms', detail: `at most ${DEFAULT_MAX_WAITING} reads may wait at once` }],
  });

/** Whether the mock can take one more wait; a read past it is refused rather than queued. */
export const canWait = <Entry, Key extends string>(source: JournalSource<Entry, Key>, query: JournalQuery) =>
  query.waitMs === 0 || !source.waits.full;

/**
 * One page, `{ [name]: entries, next }`: `next` is the link to the page after it when more
 * entries match now, else null. With `wait_ms` and nothing to show, waits for an entry first.
 */
export async function readPage<Entry, Key extends string>(
  source: JournalSource<Entry, Key>,
  query: JournalQuery,
  url: URL,
  name: string,
  abandoned: Abandoned,
): Promise<Record<string, unknown>> {
  const { journal, waits } = source;
  const filter = query.filter as JournalFilter<Key>;
  const refine = source.refine(query.filter);
  let page = journal.page(filter, query.after, query.limit, refine);
  if (page.entries.length === 0 && query.waitMs > 0) {
    const wakes = (entry: Entry) =>
      source.seqOf(entry) > query.after && journal.matches(entry, filter) && (refine?.(entry) ?? true);
    await waits.wait(wakes, query.waitMs, abandoned);
    page = journal.page(filter, query.after, query.limit, refine);
  }
  let next: string | null = null;
  if (page.more) {
    const link = new URL(url);
    link.searchParams.set('after', source.idOf(page.entries.at(-1)!));
    next = `${link.pathname}${link.search}`;
  }
  return { [name]: page.entries.map(source.toJson), next };
}
