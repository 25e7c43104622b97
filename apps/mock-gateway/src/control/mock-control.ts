// @call-control/mock-gateway/control: the typed client of the mock's control plane, for test
// suites — against a mock started with `npx call-control-mock` (a base URL, and the pair when
// it was started with --app-id/--api-key) or in-process (`gateway.control`). It is openapi-fetch
// over the types generated from the control plane's own OpenAPI document (generated/), so every
// path, parameter and answer is the document's; on top, the few calls a test makes most:
// reset, read the request journal, wait for a delivery. It loads nothing of the mock itself.
import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './generated/control-plane.js';

type Schemas = components['schemas'];
export type { components, paths };
export type Delivery = Schemas['Delivery'];
export type JournaledRequest = Schemas['JournaledRequest'];
export type ResetSummary = Schemas['ResetSummary'];
export type Problem = Schemas['Problem'];
type Paging = 'limit' | 'after' | 'wait_ms';
/** The delivery journal's filters: `session`, `type`, `operation`, `state`. */
export type DeliveryFilter = Omit<NonNullable<paths['/__mock/deliveries']['get']['parameters']['query']>, Paging>;
/** The request journal's filters: `session`, `command`, `status`, `app_id`. */
export type RequestFilter = Omit<NonNullable<paths['/__mock/requests']['get']['parameters']['query']>, Paging>;

export interface MockControlOptions {
  /** Where the mock listens, e.g. `http://127.0.0.1:4010` (the paths carry `/__mock/…`). */
  baseUrl: string;
  /** The pair the mock was started with (`--app-id`/`--api-key`); without it, none is sent. */
  appId?: string;
  apiKey?: string;
  /** A fetch to use instead of the global one. */
  fetch?: (input: Request) => Promise<Response>;
}

export interface WaitOptions {
  /** How long to wait in all; default 5,000 ms. */
  timeoutMs?: number;
}

/** A control answer that was not a success: its status, and the problem the mock sent. */
export class MockControlError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly problem: Problem | undefined,
  ) {
    super(message);
    this.name = 'MockControlError';
  }
}

export interface MockControlCalls {
  /** `POST /__mock/reset`: forgets everything (see the document); what it dropped. */
  reset(): Promise<ResetSummary>;
  /** Every request in the journal the filter selects, oldest first (each page followed). */
  requests(filter?: RequestFilter): Promise<JournaledRequest[]>;
  /** How many requests in the journal the filter selects. */
  countRequests(filter?: RequestFilter): Promise<number>;
  /** Every delivery in the journal the filter selects, oldest first (each page followed). */
  deliveries(filter?: DeliveryFilter): Promise<Delivery[]>;
  /** The oldest delivery the filter selects, once there is one (`wait_ms`); a MockControlError after `timeoutMs`. */
  waitForDelivery(filter: DeliveryFilter, options?: WaitOptions): Promise<Delivery>;
  /** The oldest request the filter selects, once there is one; a MockControlError after `timeoutMs`. */
  waitForRequest(filter: RequestFilter, options?: WaitOptions): Promise<JournaledRequest>;
}

/** The typed client (`GET`, `POST`, … of openapi-fetch) with the calls tests make most. */
export type MockControl = Client<paths> & MockControlCalls;

const PAGE = 1_000;
const MAX_WAIT_MS = 30_000;
const DEFAULT_TIMEOUT_MS = 5_000;

/** The data of an answer, or a MockControlError with its problem. */
function dataOf<Data>(what: string, answer: { data?: Data; error?: unknown; response: Response }): Data {
  if (answer.data !== undefined) return answer.data;
  const problem = answer.error as Problem | undefined;
  const detail = problem?.detail ?? problem?.title ?? 'no problem body';
  throw new MockControlError(`${what}: ${answer.response.status} ${detail}`, answer.response.status, problem);
}

function checkTimeout(timeoutMs: unknown): number {
  if (typeof timeoutMs !== 'number' || !(timeoutMs >= 0) || timeoutMs === Number.POSITIVE_INFINITY)
    throw new TypeError(`timeoutMs must be milliseconds, 0 or more, not ${String(timeoutMs)}`);
  return timeoutMs;
}

export function createMockControl({ baseUrl, appId, apiKey, fetch }: MockControlOptions): MockControl {
  if (!/^https?:\/\/[^/?#]+\/?$/.test(baseUrl))
    throw new TypeError(`baseUrl must be the mock's http(s) origin, such as http://127.0.0.1:4010, not ${baseUrl}`);
  if ((appId === undefined) !== (apiKey === undefined)) throw new TypeError('appId and apiKey go together');
  const client = createClient<paths>({ baseUrl: baseUrl.replace(/\/$/, ''), ...(fetch ? { fetch } : {}) });
  if (appId !== undefined && apiKey !== undefined)
    client.use({
      onRequest: ({ request }) => {
        request.headers.set('X-App-ID', appId);
        request.headers.set('X-API-Key', apiKey);
        return request;
      },
    });

  /** Every entry of a journal the query selects, following `after` page by page. */
  async function everyEntry<Entry>(
    read: (after: string | undefined) => Promise<{ entries: Entry[]; next: string | null; last?: string }>,
  ) {
    const entries: Entry[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await read(after);
      entries.push(...page.entries);
      if (page.next === null || page.last === undefined) return entries;
      after = page.last;
    }
  }

  /** Reads until an entry comes, in waits of at most the mock's cap, until `timeoutMs` has passed. */
  async function waitFor<Entry>(what: string, read: (waitMs: number) => Promise<Entry | undefined>, timeoutMs: number) {
    const deadline = performance.now() + checkTimeout(timeoutMs);
    for (;;) {
      const left = Math.max(0, Math.ceil(deadline - performance.now()));
      const entry = await read(Math.min(left, MAX_WAIT_MS));
      if (entry !== undefined) return entry;
      if (performance.now() >= deadline)
        throw new MockControlError(`${what} within ${timeoutMs} ms`, undefined, undefined);
    }
  }

  const calls: MockControlCalls = {
    async reset() {
      return dataOf('reset', await client.POST('/__mock/reset')).dropped;
    },
    requests: (filter = {}) =>
      everyEntry(async (after) => {
        const query = { ...filter, limit: PAGE, ...(after ? { after } : {}) };
        const page = dataOf('requests', await client.GET('/__mock/requests', { params: { query } }));
        return { entries: page.requests, next: page.next, last: page.requests.at(-1)?.id };
      }),
    async countRequests(filter = {}) {
      return dataOf('count', await client.GET('/__mock/requests/count', { params: { query: filter } })).count;
    },
    deliveries: (filter = {}) =>
      everyEntry(async (after) => {
        const query = { ...filter, limit: PAGE, ...(after ? { after } : {}) };
        const page = dataOf('deliveries', await client.GET('/__mock/deliveries', { params: { query } }));
        return { entries: page.deliveries, next: page.next, last: page.deliveries.at(-1)?.id };
      }),
    waitForDelivery: (filter, { timeoutMs = DEFAULT_TIMEOUT_MS } = {}) =>
      waitFor(
        `no delivery matched ${JSON.stringify(filter)}`,
        async (wait_ms) => {
          const query = { ...filter, limit: 1, wait_ms };
          return dataOf('deliveries', await client.GET('/__mock/deliveries', { params: { query } })).deliveries[0];
        },
        timeoutMs,
      ),
    waitForRequest: (filter, { timeoutMs = DEFAULT_TIMEOUT_MS } = {}) =>
      waitFor(
        `no request matched ${JSON.stringify(filter)}`,
        async (wait_ms) => {
          const query = { ...filter, limit: 1, wait_ms };
          return dataOf('requests', await client.GET('/__mock/requests', { params: { query } })).requests[0];
        },
        timeoutMs,
      ),
  };
  return Object.assign(client, calls);
}
