// Which names the mock answers to (Host) and which pages may send it requests (Origin).
import { describe, expect, it } from 'vitest';
import { ALLOWED_HOST_ENTRY, createHostAllowlist, hostName } from '../../src/http/host-allowlist.js';

const allowlist = createHostAllowlist({ host: '127.0.0.1', allowedHosts: ['mock.test', '.tunnel.test'] });

describe('hostName', () => {
  it.each<[string, string | undefined]>([
    ['localhost', 'localhost'],
    ['LocalHost:4010', 'localhost'],
    ['localhost.', 'localhost'],
    ['[::1]:4010', '[::1]'],
    ['[::1]', '[::1]'],
    ['a:b', undefined],
    ['localhost:80@evil.example', undefined],
    ['[::1]x', undefined],
    ['[::1', undefined],
  ])('%s → %s', (host, name) => {
    expect(hostName(host)).toBe(name);
  });
});

describe('allowsHost', () => {
  it.each([
    'localhost',
    'localhost:4010',
    'app.localhost',
    'a.b.localhost:1',
    '127.0.0.1:4010',
    '192.168.1.5',
    '[::1]:4010',
    '[fe80::1]',
    'mock.test',
    'tunnel.test',
    'x.tunnel.test:443',
  ])('serves %s', (host) => {
    expect(allowlist.allowsHost(host)).toBe(true);
  });

  it.each([
    'evil.example',
    'localhost.evil.example',
    'evillocalhost',
    '127.0.0.1.evil.example',
    '127.1',
    '0x7f000001',
    '::1',
    'xmock.test',
    'a.mock.test',
    'tunnel.test.evil',
    '',
  ])('refuses %s', (host) => {
    expect(allowlist.allowsHost(host)).toBe(false);
  });

  it('serves a request without Host (only HTTP/1.0 may omit it, and no browser does)', () => {
    expect(allowlist.allowsHost(undefined)).toBe(true);
  });

  it('serves the --host it listens on, IPv6 as a Host writes it', () => {
    expect(createHostAllowlist({ host: 'devbox.lan', allowedHosts: [] }).allowsHost('devbox.lan:4010')).toBe(true);
    expect(createHostAllowlist({ host: '::1', allowedHosts: [] }).allowsHost('[::1]:4010')).toBe(true);
  });
});

describe('allowsOrigin', () => {
  it.each([
    ['http://localhost:3000', undefined],
    ['http://127.0.0.1:4011', '127.0.0.1:4010'],
    ['http://127.9.9.9', undefined],
    ['http://[::1]:5173', undefined],
    ['https://app.localhost', undefined],
    ['http://mock.test', undefined],
    ['https://a.tunnel.test', undefined],
    ['http://192.168.1.5:4010', '192.168.1.5:4010'],
  ])('allows %s (Host %s)', (origin, host) => {
    expect(allowlist.allowsOrigin(origin, host)).toBe(true);
  });

  it.each([
    ['null', '127.0.0.1:4010'],
    ['http://evil.example', '127.0.0.1:4010'],
    ['http://192.168.1.5', '127.0.0.1:4010'],
    ['http://192.168.1.5:4011', '192.168.1.5:4010'],
    ['http://localhost.evil.example', 'localhost:4010'],
    ['file://', '127.0.0.1:4010'],
    ['chrome-extension://abc', '127.0.0.1:4010'],
    ['not an origin', '127.0.0.1:4010'],
  ])('refuses %s (Host %s)', (origin, host) => {
    expect(allowlist.allowsOrigin(origin, host)).toBe(false);
  });
});

describe('--allowed-hosts entries', () => {
  it.each(['mock.test', '.tunnel.test', 'devbox', 'my-host.example.com', '10.0.0.1'])('takes %s', (entry) => {
    expect(ALLOWED_HOST_ENTRY.test(entry)).toBe(true);
  });
  it.each(['', '.', '*', '*.example', 'http://x', 'a/b', 'a..b', '-a', 'a b', 'x:80'])('refuses %j', (entry) => {
    expect(ALLOWED_HOST_ENTRY.test(entry)).toBe(false);
  });
});
