// What a browser says of where a request comes from: Sec-Fetch-Site, and Origin.
import { expect, it } from 'vitest';
import { checkCrossSite } from '../../src/http/cross-site.js';
import { createHostAllowlist } from '../../src/http/host-allowlist.js';

const allowlist = createHostAllowlist({ host: '127.0.0.1', allowedHosts: [] });
const host = '127.0.0.1:4010';

it.each([
  ['no Sec-Fetch-Site, no Origin (curl, a test suite)', {}],
  ['same-origin', { 'sec-fetch-site': 'same-origin', origin: 'http://127.0.0.1:4010' }],
  ['same-site: another port of this machine', { 'sec-fetch-site': 'same-site', origin: 'http://127.0.0.1:4011' }],
  ['none: typed in the address bar', { 'sec-fetch-site': 'none' }],
])('passes %s', (_name, headers) => {
  expect(checkCrossSite({ host, ...headers }, allowlist).ok).toBe(true);
});

it.each([
  ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }, /Sec-Fetch-Site: cross-site/],
  ['Sec-Fetch-Site: Cross-Site', { 'sec-fetch-site': 'Cross-Site' }, /Sec-Fetch-Site: cross-site/],
  ['cross-site with a local Origin', { 'sec-fetch-site': 'cross-site', origin: 'http://localhost' }, /cross-site/],
  ['an Origin of another site', { origin: 'http://evil.example' }, /http:\/\/evil\.example.*--allowed-hosts/],
  ['Origin: null', { origin: 'null' }, /page at null/],
])('refuses %s', (_name, headers, reason) => {
  const checked = checkCrossSite({ host, ...headers }, allowlist);
  expect(checked.ok).toBe(false);
  expect(!checked.ok && checked.reason).toMatch(reason);
});
