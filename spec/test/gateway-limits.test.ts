// `x-gateway-limits` is the one home of the gateway's limits: the bundle carries their figures
// where the prose names them, lists them all, and documents the receiver answers whose
// Retry-After the gateway honours exactly as the data says. (That prose never states another
// figure is the lint rule's job: plugins/rules/gateway-limits-prose.js.)
import { describe, expect, it } from 'vitest';
import { loadBundledSpec, type Node } from './support/bundled-spec.js';

const spec = loadBundledSpec();
const limits = spec['x-gateway-limits'];
const RETRY_LATER = '#/components/responses/WebhookRetryLater';

describe('x-gateway-limits in the bundle', () => {
  it('leaves no placeholder unrendered', () => {
    expect(JSON.stringify(spec).match(/\{\{x-gateway-limits\.[^}]*\}\}/g)).toBeNull();
  });

  it('lists every limit in the API description', () => {
    const section = spec.info.description.slice(spec.info.description.indexOf('## Limits'));
    expect(Object.keys(limits).filter((key) => !section.includes(`| \`${key}\` |`))).toEqual([]);
  });

  it.each(Object.keys(spec.webhooks))(
    '%s documents the retry-later answer for exactly the statuses whose Retry-After is honoured',
    (name) => {
      const responses: Record<string, Node> = spec.webhooks[name].post.responses;
      const retryLater = Object.entries(responses)
        .filter(([, response]) => response.$ref === RETRY_LATER)
        .map(([status]) => Number(status));
      expect(retryLater.sort()).toEqual([...limits.webhook_retry_after_statuses].sort());
    },
  );
});
