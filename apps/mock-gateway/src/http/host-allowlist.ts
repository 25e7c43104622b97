// Which names the mock answers to. A page whose own name is re-pointed at 127.0.0.1 (DNS
// rebinding) is "same-origin" with the mock to its browser, and could read the journal and send
// commands; its requests carry that name in `Host`. So only names that cannot be an attacker's
// are served: `localhost` and `*.localhost` (RFC 6761: they always mean this machine), IP
// literals (no name to re-point), the `--host` the mock listens on, and the names given with
// `--allowed-hosts` (`.example.test` allows it and its subdomains) — as webpack-dev-server's
// host check, Vite's `server.allowedHosts` and Rails' `config.hosts` do. An `Origin` is held to
// a stricter rule: a page's own address may be any IP, so only loopback addresses, the local
// names above, and the mock's own origin (the page it serves) are the mock's. Each check is a
// few string operations: it runs on every request.
import { isIP, isIPv4, isIPv6 } from 'node:net';

export interface HostAllowlist {
  /** Whether a request's `Host` (name and optional port) names this mock; no `Host` at all is allowed (see below). */
  allowsHost(host: string | undefined): boolean;
  /** Whether a request's `Origin` is a page of this machine or of the mock itself (`host` is the request's `Host`), or a `--cors-origin`. */
  allowsOrigin(origin: string, host: string | undefined): boolean;
  /** Whether an `Origin` is one the developer named with `--cors-origin`: such a page may call from another site. */
  isCorsOrigin(origin: string): boolean;
}

/** `name`, `name:port`, `[v6]`, `[v6]:port` → the name, lower case, without a trailing dot; undefined when not of that form. */
export function hostName(host: string): string | undefined {
  let name = host;
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    if (end < 0) return undefined;
    const rest = host.slice(end + 1);
    if (rest !== '' && !/^:\d{0,5}$/.test(rest)) return undefined;
    name = host.slice(0, end + 1);
  } else {
    const colon = host.indexOf(':');
    if (colon >= 0) {
      if (!/^\d{0,5}$/.test(host.slice(colon + 1))) return undefined;
      name = host.slice(0, colon);
    }
  }
  name = name.toLowerCase();
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

/** An IP literal as a Host names it: dotted IPv4, or IPv6 in brackets. */
const isIpLiteral = (name: string) =>
  name.startsWith('[') ? name.endsWith(']') && isIPv6(name.slice(1, -1)) : isIPv4(name);

const isLocalName = (name: string) => name === 'localhost' || name.endsWith('.localhost');

/** 127.0.0.0/8 and ::1 (as a URL writes it, in brackets). */
const isLoopback = (name: string) => (isIPv4(name) && name.startsWith('127.')) || name === '[::1]';

/** `--allowed-hosts` entries: a host name, or `.name` for it and every name under it. */
export const ALLOWED_HOST_ENTRY =
  /^\.?(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/i;

export function createHostAllowlist({
  host,
  allowedHosts,
  corsOrigins = [],
}: {
  host: string;
  allowedHosts: readonly string[];
  corsOrigins?: readonly string[];
}) {
  const cors = new Set(corsOrigins);
  const exact = new Set<string>();
  const suffixes: string[] = [];
  const listen = host.toLowerCase();
  exact.add(isIP(listen) === 6 ? `[${listen}]` : listen);
  for (const entry of allowedHosts.map((name) => name.toLowerCase())) {
    if (entry.startsWith('.')) {
      exact.add(entry.slice(1));
      suffixes.push(entry);
    } else exact.add(entry);
  }
  const named = (name: string) => exact.has(name) || suffixes.some((suffix) => name.endsWith(suffix));

  // Nearly every request carries the same Host and Origin: the last answers are kept.
  let lastHost: string | undefined;
  let lastOrigin: string | undefined;
  let lastOriginHost: string | undefined;

  const allowlist: HostAllowlist = {
    allowsHost(hostHeader) {
      // No Host (HTTP/1.0; HTTP/1.1 requires it and is answered 400 before this): no browser
      // sends a request without one, so it cannot come from a page.
      if (hostHeader === undefined || hostHeader === lastHost) return true;
      const name = hostName(hostHeader);
      const allowed = name !== undefined && (isLocalName(name) || isIpLiteral(name) || named(name));
      if (allowed) lastHost = hostHeader;
      return allowed;
    },
    isCorsOrigin: (origin) => cors.has(origin),
    allowsOrigin(origin, hostHeader) {
      if ((origin === lastOrigin && hostHeader === lastOriginHost) || cors.has(origin)) return true;
      let url: URL;
      try {
        url = new URL(origin); // `null` (a sandboxed or file page) does not parse: refused
      } catch {
        return false;
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
      const name = url.hostname.endsWith('.') ? url.hostname.slice(0, -1) : url.hostname;
      const sameOrigin = hostHeader !== undefined && url.host === hostHeader.toLowerCase();
      const allowed = sameOrigin || isLocalName(name) || isLoopback(name) || named(name);
      if (allowed) {
        lastOrigin = origin;
        lastOriginHost = hostHeader;
      }
      return allowed;
    },
  };
  return allowlist;
}
