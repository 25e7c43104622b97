import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledSpecJsonPath } from '@call-control/spec';
import { describe, expect, it } from 'vitest';
import { findExternalReferences, isExternalUrl } from '../src/external-references.js';
import { builtPagePath } from './support/bundled-spec.js';

const page = (head: string, body = '') => `<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`;

describe('findExternalReferences', () => {
  it.each<[string, { given: string; want: Array<{ where: string; url: string }> }]>([
    [
      'a CDN script',
      {
        given: page('<script src="https://cdn.example.com/redoc.js"></script>'),
        want: [{ where: '<script src>', url: 'https://cdn.example.com/redoc.js' }],
      },
    ],
    [
      'a scheme-relative script',
      {
        given: page('<script src="//cdn.example.com/a.js"></script>'),
        want: [{ where: '<script src>', url: '//cdn.example.com/a.js' }],
      },
    ],
    [
      'a web font stylesheet',
      {
        given: page('<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'),
        want: [{ where: '<link href>', url: 'https://fonts.googleapis.com/css?family=Roboto' }],
      },
    ],
    [
      'a module preload',
      {
        given: page('<link rel="modulepreload" href="https://cdn.example.com/r.js">'),
        want: [{ where: '<link href>', url: 'https://cdn.example.com/r.js' }],
      },
    ],
    [
      'a CSS @import',
      {
        given: page('<style>@import "https://fonts.example.com/a.css"; body { margin: 0 }</style>'),
        want: [{ where: '<style> @import', url: 'https://fonts.example.com/a.css' }],
      },
    ],
    [
      'a CSS @import url()',
      {
        given: page('<style>@import url(https://fonts.example.com/b.css);</style>'),
        want: [{ where: '<style> url()', url: 'https://fonts.example.com/b.css' }],
      },
    ],
    [
      'a font face',
      {
        given: page(
          `<style>@font-face { font-family: X; src: url('https://fonts.gstatic.com/x.woff2') format('woff2') }</style>`,
        ),
        want: [{ where: '<style> url()', url: 'https://fonts.gstatic.com/x.woff2' }],
      },
    ],
    [
      'a background in a style attribute',
      {
        given: page('', '<div style="background: url(http://img.example.com/bg.png)"></div>'),
        want: [{ where: '<div style> url()', url: 'http://img.example.com/bg.png' }],
      },
    ],
    [
      'an image',
      {
        given: page('', '<img src="https://cdn.redoc.ly/logo.svg">'),
        want: [{ where: '<img src>', url: 'https://cdn.redoc.ly/logo.svg' }],
      },
    ],
    [
      'an image srcset',
      {
        given: page('', '<img src="a.png" srcset="a2.png 2x, https://img.example.com/a3.png 3x">'),
        want: [{ where: '<img srcset>', url: 'https://img.example.com/a3.png' }],
      },
    ],
    [
      'an iframe',
      {
        given: page('', '<iframe src="https://example.com/embed"></iframe>'),
        want: [{ where: '<iframe src>', url: 'https://example.com/embed' }],
      },
    ],
    [
      'a static import in a module script',
      {
        given: page(
          '<script type="module">import { hydrate } from "https://cdn.redocly.com/redoc/v3/redoc.standalone.js"; hydrate();</script>',
        ),
        want: [{ where: '<script type=module> import', url: 'https://cdn.redocly.com/redoc/v3/redoc.standalone.js' }],
      },
    ],
    [
      'a dynamic import',
      {
        given: page('<script>import("https://cdn.example.com/lazy.js")</script>'),
        want: [{ where: '<script> import', url: 'https://cdn.example.com/lazy.js' }],
      },
    ],
    [
      'a meta refresh',
      {
        given: page('<meta http-equiv="refresh" content="0; url=https://example.com/">'),
        want: [{ where: '<meta http-equiv=refresh>', url: 'https://example.com/' }],
      },
    ],
    [
      'an SVG image',
      {
        given: page('', '<svg><image href="https://example.com/i.png"/></svg>'),
        want: [{ where: '<image href>', url: 'https://example.com/i.png' }],
      },
    ],
    [
      'a script inside a template',
      {
        given: page('', '<template><script src="https://cdn.example.com/t.js"></script></template>'),
        want: [{ where: '<script src>', url: 'https://cdn.example.com/t.js' }],
      },
    ],
  ])('finds %s', (_, { given, want }) => {
    expect(findExternalReferences(given)).toEqual(want);
  });

  it.each<[string, string]>([
    ['a link a reader may click', page('', '<a href="https://www.rfc-editor.org/rfc/rfc9457">RFC 9457</a>')],
    [
      'a URL in a script’s string (the spec’s prose)',
      page('<script type="module">const spec = { description: "see https://www.standardwebhooks.com/" };</script>'),
    ],
    ['an SVG namespace', page('', '<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0"/></svg>')],
    [
      'relative downloads and scripts',
      page('<script src="./app.js"></script><link rel="icon" href="data:,">', '<a href="openapi.yaml">yaml</a>'),
    ],
    [
      'inline data: fonts and images',
      page(
        `<style>@font-face { font-family: I; src: url('data:font/woff;base64,AAAA') }</style>`,
        '<img src="data:image/svg+xml,%3Csvg%2F%3E">',
      ),
    ],
    ['a JSON script with URLs', page('<script type="application/json">{"url": "https://example.com/x.js"}</script>')],
    ['a fragment url()', page('', '<svg><rect fill="url(#gradient)" style="fill: url(#g2)"/></svg>')],
  ])('ignores %s', (_, given) => {
    expect(findExternalReferences(given)).toEqual([]);
  });

  it.each([
    ['https://cdn.example.com/a.js', true],
    ['//cdn.example.com/a.js', true],
    ['wss://example.com/socket', true],
    ['openapi.json', false],
    ['/openapi.json', false],
    ['data:,', false],
    ['blob:http://127.0.0.1:4011/3f9c', false],
    ['#section', false],
  ])('isExternalUrl(%s) is %s', (url, want) => {
    expect(isExternalUrl(url)).toBe(want);
  });
});

describe('the built page', () => {
  it('references nothing outside itself that a browser would fetch as it loads', () => {
    expect(findExternalReferences(readFileSync(builtPagePath(), 'utf8'))).toEqual([]);
  });

  it('would be caught if built without --inlineBundle (Redoc from the CDN)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'docs-cdn-'));
    try {
      const output = join(dir, 'index.html');
      execFileSync(
        process.execPath,
        [
          createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js'),
          'build-docs',
          bundledSpecJsonPath,
          '-o',
          output,
        ],
        {
          cwd: dir,
          stdio: 'ignore',
          env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        },
      );
      const found = findExternalReferences(readFileSync(output, 'utf8'));
      expect(found.map(({ where }) => where).sort()).toEqual(['<link href>', '<script type=module> import']);
      for (const { url } of found) expect(new URL(url).hostname).toMatch(/redocly\.com$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
