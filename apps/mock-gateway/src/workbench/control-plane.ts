// The mock's own control plane, outside the API (under /__mock/), described by its own
// OpenAPI document (openapi/control-plane.yaml): the inspector page, the event stream, the
// delivery journal and resend, the request journal, the reset, and sessions (start one, read one, make the remote party hang
// up). This module routes, and asks for the configured credentials; each concern is its own
// module.
import type { IncomingMessage } from 'node:http';
import { type Credentials, checkCredentials } from '../commands/credentials.js';
import type { DeliveryControl } from './delivery-control.js';
import { EVENT_STREAM_HEADERS, type EventStream } from './event-stream.js';
import type { HttpResult } from '../common/http-result.js';
import { PASSED } from '../common/outcome.js';
import { checkControlHeader } from './control-schemas.js';
import type { Problems } from '../common/problems.js';
import { INSPECTOR_PATH } from './inspector-page.js';
import type { RequestControl } from './request-control.js';
import type { ResetControl } from './reset-control.js';
import type { SessionControl } from './session-control.js';

export const MOCK_CONTROL_PREFIX = '/__mock/';

/** Whether a request is for the control plane rather than the API. */
export const isControlPath = (path: string) => path === '/__mock' || path.startsWith(MOCK_CONTROL_PREFIX);

export interface ControlPlaneContext {
  problems: Problems;
  sessions: SessionControl;
  deliveries: DeliveryControl;
  requests: RequestControl;
  reset: ResetControl;
  stream: EventStream;
  /** The inspector page, rendered when first asked for (start-up need not pay for it). */
  page: () => HttpResult;
  /** When set, every control operation but the page asks for this pair. */
  credentials: Credentials | undefined;
}

type Handler = (req: IncomingMessage, url: URL, params: string[]) => Promise<HttpResult> | HttpResult;
type Route = { pattern: RegExp; methods: Partial<Record<'GET' | 'POST', Handler>> };

// Any one segment: session-control holds it to the API's own rule for a session UUID.
const SESSION_ID = '([^/]+)';

export function createControlPlane({
  problems,
  sessions,
  deliveries,
  requests,
  reset,
  stream,
  page,
  credentials,
}: ControlPlaneContext) {
  const routes: Route[] = [
    { pattern: /^\/__mock$/, methods: { GET: () => ({ status: 308, headers: { location: MOCK_CONTROL_PREFIX } }) } },
    { pattern: /^\/__mock\/$/, methods: { GET: () => page() } },
    {
      pattern: /^\/__mock\/events$/,
      methods: {
        GET: (req, url) => {
          // Held to the document's rule for it: a resume point that is not one is said, not ignored.
          const lastEventId = req.headers['last-event-id'] as string | undefined; // one value: node:http joins none for it
          if (lastEventId !== undefined) {
            const checked = checkControlHeader('/__mock/events', 'get', 'Last-Event-ID', lastEventId);
            if (!checked.ok)
              return problems.status(400, {
                detail: `Last-Event-ID ${JSON.stringify(lastEventId)} is not an event id: it ${checked.reason.detail}.`,
                instance: url.pathname,
                errors: [checked.reason],
              });
          }
          const subscription = stream.open(lastEventId);
          if (subscription !== undefined) return { status: 200, headers: EVENT_STREAM_HEADERS, stream: subscription };
          const detail = `${stream.maxSubscribers} already follow the event stream, as many as --max-stream-subscribers allows; close one (an inspector tab) or start the mock with a higher --max-stream-subscribers.`;
          return problems.of('mock-too-many-subscribers', {
            detail,
            instance: url.pathname,
            headers: { 'retry-after': '5' },
          });
        },
      },
    },
    { pattern: /^\/__mock\/deliveries$/, methods: { GET: (req, url) => deliveries.list(req, url) } },
    { pattern: /^\/__mock\/requests$/, methods: { GET: (req, url) => requests.list(req, url) } },
    { pattern: /^\/__mock\/requests\/count$/, methods: { GET: (_req, url) => requests.count(url) } },
    { pattern: /^\/__mock\/reset$/, methods: { POST: (req, url) => reset.reset(req, url.pathname) } },
    {
      pattern: /^\/__mock\/deliveries\/([^/]+)\/resend$/,
      methods: { POST: (req, url, [id]) => deliveries.resend(req, id!, url.pathname) },
    },
    { pattern: /^\/__mock\/sessions$/, methods: { POST: (req, url) => sessions.create(req, url.pathname) } },
    {
      pattern: new RegExp(`^/__mock/sessions/${SESSION_ID}$`),
      methods: { GET: (_req, url, [uuid]) => sessions.state(uuid!, url.pathname) },
    },
    {
      pattern: new RegExp(`^/__mock/sessions/${SESSION_ID}/remote-hangup$`),
      methods: { POST: (req, url, [uuid]) => sessions.remoteHangup(req, uuid!, url.pathname) },
    },
  ];

  return {
    handle(req: IncomingMessage, url: URL): Promise<HttpResult> | HttpResult {
      const instance = url.pathname;
      // The control plane can end calls and read them: with a configured pair, only that pair.
      // The page itself holds nothing and a browser cannot send headers to open it: it asks.
      const open = credentials === undefined || instance === INSPECTOR_PATH || instance === '/__mock';
      const allowed = open ? PASSED : checkCredentials(req.rawHeaders, credentials);
      if (!allowed.ok) return problems.of('unauthorized', { detail: allowed.reason, instance });
      for (const { pattern, methods } of routes) {
        const match = pattern.exec(instance);
        if (match === null) continue;
        const handler = methods[req.method as keyof typeof methods];
        if (handler !== undefined) return handler(req, url, match.slice(1));
        const allow = Object.keys(methods).join(', ');
        return problems.status(405, { detail: `Use ${allow}.`, instance, headers: { allow } });
      }
      return problems.status(404, { detail: `There is no mock control ${instance}.`, instance });
    },
  };
}

export type ControlPlane = ReturnType<typeof createControlPlane>;
