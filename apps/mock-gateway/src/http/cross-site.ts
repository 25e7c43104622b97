// Whether a request was sent by a page of another site (cross-site request forgery). A page
// can make a browser POST to the mock without asking first: a form, or fetch with a `text/plain`
// body, needs no preflight. Browsers say where such a request comes from: `Sec-Fetch-Site`
// (Fetch Metadata) and `Origin` (on every POST, and on every cross-origin fetch). A request
// that says `cross-site`, or whose `Origin` is not a page of this machine or of the mock
// (host-allowlist.ts; `Origin: null` included), is refused; a request that says neither is
// not a browser's page at work (curl, a test suite, a server) and is judged as before. Another
// port of 127.0.0.1 or localhost (a docs site, an app's dev server) is same-site: allowed; so
// is a page the developer named with `--cors-origin`, from whatever site.
import type { IncomingHttpHeaders } from 'node:http';
import { type Outcome, PASSED, refuse } from '../common/outcome.js';
import type { HostAllowlist } from './host-allowlist.js';

/** Passed, or refused with the sentence that says why. */
export function checkCrossSite(headers: IncomingHttpHeaders, allowlist: HostAllowlist): Outcome<undefined, string> {
  const { origin } = headers;
  if (origin !== undefined && allowlist.isCorsOrigin(origin)) return PASSED;
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site.toLowerCase() === 'cross-site')
    return refuse(
      'The request was sent by a page of another site (Sec-Fetch-Site: cross-site); the mock answers only pages of this machine and clients that are not browsers.',
    );
  if (origin === undefined || allowlist.allowsOrigin(origin, headers.host)) return PASSED;
  return refuse(
    `The request was sent by a page at ${origin}, which is not this machine's: an Origin must be localhost, *.localhost, a loopback address, the mock's own address or --host, or a name given with --allowed-hosts; or name the page with --cors-origin to let it call from another site.`,
  );
}
