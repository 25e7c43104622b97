// The inspector (`GET /__mock/`): one self-contained page that shows the sessions and, per
// session, a timeline of its commands and webhooks, live from the event stream; it resends a
// delivery, hangs a session up, and sends the commands, so a newcomer can drive a whole call
// from it. Its assets (inspector/) are inlined once at start-up with what the page needs from
// the spec (the commands, the hangup causes); a Content-Security-Policy holds it to its own
// inline code and to this origin, so no request leaves the machine.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dereference } from '@call-control/spec';
import type { HttpResult } from '../common/http-result.js';
import type { SpecModel, SpecNode } from '../common/spec-model.js';
import type { InspectorConfig } from './inspector-config.js';

export const INSPECTOR_PATH = '/__mock/';
const ASSETS = new URL('../../inspector/', import.meta.url);

export function inspectorConfig(model: SpecModel, credentialsRequired: boolean): InspectorConfig {
  const document = model.document as SpecNode;
  const commands = [...model.commands].map(([name, { path }]) => {
    const body = dereference<SpecNode>(document, document.paths[path].post.requestBody);
    const schema = dereference<SpecNode>(document, body?.content?.['application/json']?.schema);
    return { name, path, takesCause: Object.hasOwn(schema?.properties ?? {}, 'cause') };
  });
  return { commands, causes: Object.keys(model.causeCodes), defaultCause: model.defaultCause, credentialsRequired };
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The page with its stylesheets, scripts and configuration inlined, and the policy that allows exactly those. */
export function renderInspectorPage(config: InspectorConfig, assets: URL = ASSETS): HttpResult {
  const read = (name: string) => readFileSync(new URL(name, assets), 'utf8');
  const scripts: string[] = [];
  const styles: string[] = [];
  const body = read('index.html')
    .replace(/<link rel="stylesheet" href="([\w.-]+)">/g, (_, name: string) => {
      styles.push(read(name));
      return `<style>${styles.at(-1)}</style>`;
    })
    .replace(/<script src="([\w.-]+)"><\/script>/g, (_, name: string) => {
      scripts.push(read(name));
      return `<script>${scripts.at(-1)}</script>`;
    })
    // A data block, not a script: the policy does not need to allow it. `<` escaped so no
    // value can close the element.
    .replace(
      '<script type="application/json" id="mock-config"></script>',
      () =>
        `<script type="application/json" id="mock-config">${JSON.stringify(config).replaceAll('<', '\\u003c')}</script>`,
    );
  const policy = [
    "default-src 'none'",
    `script-src ${scripts.map(sha256).join(' ')}`,
    `style-src ${styles.map(sha256).join(' ')}`,
    "connect-src 'self'",
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    status: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': policy,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    },
    body,
  };
}
