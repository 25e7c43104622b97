// The client follows no redirect. The contract has none, and fetch, following one, strips
// only `Authorization`: X-API-Key and the command would go to wherever a 3xx points, another
// origin or plain http included. Requests go out with `redirect: 'manual'` (set where the
// client is created), not 'error': Node's fetch then hands back the 3xx with its Location,
// a browser an opaque redirect, and neither follows it — whereas 'error' is a TypeError
// that cannot be told from a network failure (so it would be retried) and names nothing.
// openapi-fetch middleware, so `raw` has it too.
import type { Middleware } from 'openapi-fetch';
import { CallControlRedirectError } from './errors.js';

export const redirectGuard: Middleware = {
  onResponse({ request, response }) {
    // `redirected`: a fetch of the caller's that followed one regardless. The request has gone
    // on by then, but the answer is not the gateway's and must not be reported as such.
    const { status, redirected, type } = response;
    if (!redirected && type !== 'opaqueredirect' && (status < 300 || status > 399)) return undefined;
    void response.body?.cancel();
    let location = redirected ? response.url : response.headers.get('location');
    try {
      // Resolved as fetch would follow it; kept as it came when it is not a URL.
      location = location && new URL(location, request.url).href;
    } catch {}
    throw new CallControlRedirectError(response, location || null, redirected ? 0 : status);
  },
};
