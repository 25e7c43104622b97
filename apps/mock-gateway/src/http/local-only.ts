// The first checks every request meets, the API's and the control plane's alike (the
// inspector page and the event stream included): that it names this mock (`Host`, against DNS
// rebinding), checked before anything else, CORS preflights included; and that no page of
// another site sent it (cross-site.ts), checked once CORS has answered its preflights (it
// refuses those itself, naming --cors-origin). Either refusal is a 403 problem that names what
// to change; nothing else runs, and nothing is published.
import type { IncomingMessage } from 'node:http';
import type { HttpResult } from '../common/http-result.js';
import type { Problems } from '../common/problems.js';
import { checkCrossSite } from './cross-site.js';
import type { HostAllowlist } from './host-allowlist.js';

/** The refusal of a request that is not for this mock, or from another site's page; undefined when it may go on. */
export type LocalOnlyCheck = (req: IncomingMessage, instance: string) => HttpResult | undefined;

export function createLocalOnlyChecks(
  allowlist: HostAllowlist,
  problems: Problems,
): { host: LocalOnlyCheck; crossSite: LocalOnlyCheck } {
  return {
    host(req, instance) {
      const { host } = req.headers;
      if (allowlist.allowsHost(host)) return undefined;
      const detail = `The mock does not answer to the name ${JSON.stringify(host)}: it serves localhost, *.localhost, IP addresses and its --host; start it with --allowed-hosts ${JSON.stringify(host?.replace(/:\d*$/, '') ?? '')} to serve that name too.`;
      return problems.of('mock-host-not-allowed', { detail, instance });
    },
    crossSite(req, instance) {
      const site = checkCrossSite(req.headers, allowlist);
      return site.ok ? undefined : problems.of('mock-cross-site', { detail: site.reason, instance });
    },
  };
}
