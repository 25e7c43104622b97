// The inspector page as served: one self-contained document whose policy allows exactly its
// own inline code and this origin, configured from the spec. (test/e2e/inspector.test.ts
// drives it in Chromium.)
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inspectorConfig, renderInspectorPage } from '../../src/workbench/inspector-page.js';
import { loadSpecModel } from '../../src/common/spec-model.js';
import { spec } from '../support/spec.js';

const model = loadSpecModel();
const config = inspectorConfig(model, false);
const page = renderInspectorPage(config);
const html = page.body!;
const policy = Object.fromEntries(
  page.headers['content-security-policy']!.split('; ').map((directive) => [
    directive.split(' ')[0]!,
    directive.split(' ').slice(1),
  ]),
);
const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const inline = (tag: 'script' | 'style') =>
  [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((match) => match[1]!);

describe('renderInspectorPage', () => {
  it('is HTML that is not cached or sniffed', () => {
    expect(page.status).toBe(200);
    expect(page.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    expect(html).toMatch(/^<!doctype html>/);
  });

  it('inlines every stylesheet and script: nothing is loaded by URL', () => {
    expect(inline('script')).toHaveLength(3);
    expect(inline('style')).toHaveLength(1);
    const loads = [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((match) => match[1]);
    expect(loads).toEqual(['data:,']); // the empty favicon
  });

  it('allows exactly its own inline code, and requests to this origin only', () => {
    expect(policy['default-src']).toEqual(["'none'"]);
    expect(policy['script-src']).toEqual(inline('script').map(hash));
    expect(policy['style-src']).toEqual(inline('style').map(hash));
    expect(policy['connect-src']).toEqual(["'self'"]);
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
  });

  it('carries the spec’s commands (which take a cause) and hangup causes', () => {
    const embedded = JSON.parse(/<script type="application\/json" id="mock-config">(.*?)<\/script>/s.exec(html)![1]!);
    expect(embedded).toEqual(config);
    // Every command of the spec, in its order; those whose request schema has a cause take one.
    const requestSchema = (name: string) => spec.components.schemas[`${name[0]!.toUpperCase()}${name.slice(1)}Request`];
    expect(config.commands).toEqual(
      Object.entries<{ post: { operationId: string } }>(spec.paths).map(([path, { post }]) => ({
        name: post.operationId,
        path,
        takesCause: Object.hasOwn(requestSchema(post.operationId).properties, 'cause'),
      })),
    );
    expect(config.commands.find(({ name }: { name: string }) => name === 'hangup')?.takesCause).toBe(true);
    expect(config.causes).toEqual(Object.keys(spec.components.schemas.HangupCause['x-cause-codes']));
    expect(config.defaultCause).toBe('NORMAL_CLEARING');
    expect([config.credentialsRequired, inspectorConfig(model, true).credentialsRequired]).toEqual([false, true]);
  });

  it('cannot be broken out of by a configured value', () => {
    const hostile = renderInspectorPage({ ...config, causes: ['</script><script>alert(1)</script>'] }).body!;
    expect(hostile).not.toContain('</script><script>alert(1)');
    expect(hostile).toContain('\\u003c/script>\\u003cscript>alert(1)\\u003c/script>');
  });
});
