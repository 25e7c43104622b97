// The control plane's request journal: `GET /__mock/requests` (a page, oldest first, filtered
// by session, command, status and app id, waiting for a request when asked) and
// `GET /__mock/requests/count` (how many match), so a test asserts what its app sent.
import type { IncomingMessage } from 'node:http';
import { jsonResult, type HttpResult } from '../common/http-result.js';
import type { Problems } from '../common/problems.js';
import {
  canWait,
  type JournalSource,
  type ParameterRule,
  readJournalQuery,
  readPage,
  refuseWait,
} from './journal-query.js';
import { type JournalWaits, whenGone } from './journal-waits.js';
import type { JournalFilter } from './paged-journal.js';
import {
  type RequestJournal,
  type RequestKey,
  type RequestRecord,
  requestId,
  requestJson,
  requestSeq,
} from './request-journal.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface RequestControlContext {
  journal: RequestJournal;
  waits: JournalWaits<RequestRecord>;
  /** The commands the API knows (the command table's), the values `command` may take. */
  commands: readonly string[];
  problems: Problems;
}

export function createRequestControl({ journal, waits, commands, problems }: RequestControlContext) {
  const filters: Record<RequestKey, ParameterRule> = {
    session: { holds: (value) => UUID.test(value), detail: 'must be a session UUID', normal: (v) => v.toLowerCase() },
    command: { holds: (value) => commands.includes(value), detail: `must be one of ${commands.join(', ')}` },
    status: { holds: (value) => /^[1-5]\d\d$/.test(value), detail: 'must be an HTTP status (100–599)' },
    app_id: {
      holds: (value) => value !== '' && value.length <= 1_024,
      detail: 'must be an X-App-ID as sent (1 to 1,024 characters)',
    },
  };
  const source: JournalSource<RequestRecord, RequestKey> = {
    journal: journal.pages,
    waits,
    refine: () => undefined, // every filter is indexed
    seqOf: (record) => record.seq,
    idOf: (record) => requestId(record.seq),
    toJson: requestJson,
  };
  const cursor = { seqOf: requestSeq, detail: 'must be a request id (req_ and a number), such as the last one read' };
  const invalid = (url: URL, errors: Parameters<Problems['of']>[1]['errors']) =>
    problems.of('mock-control-invalid', { detail: 'The journal query is not valid.', instance: url.pathname, errors });

  return {
    /** `GET /__mock/requests`: a page of the journal, oldest first; with `wait_ms`, held until one matches. */
    async list(req: IncomingMessage, url: URL): Promise<HttpResult> {
      const query = readJournalQuery(url, filters, cursor);
      if (!query.ok) return invalid(url, query.reason);
      if (!canWait(source, query.value)) return refuseWait(problems, url.pathname);
      return jsonResult(200, await readPage(source, query.value, url, 'requests', whenGone(req)));
    },

    /** `GET /__mock/requests/count`: how many requests the filters select. */
    count(url: URL): HttpResult {
      const query = readJournalQuery(url, filters, undefined);
      if (!query.ok) return invalid(url, query.reason);
      return jsonResult(200, { count: journal.pages.count(query.value.filter as JournalFilter<RequestKey>) });
    },
  };
}

export type RequestControl = ReturnType<typeof createRequestControl>;
