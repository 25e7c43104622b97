// One operation or webhook as a Markdown page for agents (and anyone reading without a
// browser): what it is, where to send it, every header, parameter and body field with its rule,
// every response with its problem types, the webhooks it triggers and when (or, on a webhook's
// page, what sends it and how it is signed), the examples and the code samples — all from the spec.
import { fence } from './markdown-text.js';
import { listOperations, type OpenApiDocument, type OperationEntry } from './openapi-document.js';
import { examplesMarkdown, parametersMarkdown, requestBodyMarkdown, responsesMarkdown } from './operation-parts.js';
import { parameters } from './sample-inputs.js';
import { table } from './markdown-text.js';

/** Where the other pages are, as links from the page being written. */
export interface PageLinks {
  /** The page of an operation or webhook of the same document. */
  to(entry: OperationEntry): string;
  /** The guide section with this title, when there is one. */
  guide(title: string): string | undefined;
}

export interface WebhooksTriggered {
  timeout_ms: number;
  webhooks: Array<{ webhook: string; trigger: string; max_delay_ms: number; on_timeout?: string; description: string }>;
}

/** The heading the spec's decorator gives the triggered webhooks in a description (the page shows them as a table). */
const DECORATED_TRIGGERS = '#### Triggered webhooks';
const SAMPLE_FENCES: Record<string, string> = { curl: 'sh', TypeScript: 'ts', Python: 'python' };

export const triggeredBy = (entry: OperationEntry) =>
  entry.operation['x-webhooks-triggered'] as WebhooksTriggered | undefined;

export function operationMarkdown(document: OpenApiDocument, entry: OperationEntry, links: PageLinks): string {
  const { operation } = entry;
  const title = operation.summary ?? operation.operationId ?? entry.name;
  const line =
    entry.kind === 'webhook'
      ? `Webhook \`${entry.name}\`: the gateway sends \`${entry.method.toUpperCase()}\` to your webhook URL.`
      : `\`${entry.method.toUpperCase()} ${entry.name}\` — operation \`${operation.operationId}\`.`;
  let description = (operation.description ?? '').trim();
  const decorated = description.indexOf(DECORATED_TRIGGERS);
  if (triggeredBy(entry) !== undefined && decorated !== -1) description = description.slice(0, decorated).trim();
  const sections = [
    `# ${title}`,
    line,
    description,
    ...(entry.kind === 'path' ? serversMarkdown(document) : []),
    entry.kind === 'webhook' ? '## What is sent' : '## Request',
    ...parametersMarkdown(document, entry, '###'),
    ...requestBodyMarkdown(document, entry, entry.kind === 'webhook' ? '### Payload' : '### Body'),
    ...triggeredMarkdown(document, entry, links),
    ...(entry.kind === 'webhook' ? signatureMarkdown(document, entry, links) : []),
    entry.kind === 'webhook' ? '## Your answer' : '## Responses',
    ...responsesMarkdown(document, entry, '###'),
  ];
  const examples = examplesMarkdown(document, entry, '###');
  if (examples.length > 0) sections.push('## Examples', ...examples);
  const samples = operation['x-codeSamples'] ?? [];
  if (samples.length > 0) {
    sections.push('## Code samples');
    for (const { label, lang, source } of samples)
      sections.push(`### ${label}`, fence(source, SAMPLE_FENCES[lang] ?? lang.toLowerCase()));
  }
  return `${sections.filter((section) => section !== '').join('\n\n')}\n`;
}

function serversMarkdown(document: OpenApiDocument): string[] {
  const servers = document.servers ?? [];
  if (servers.length === 0) return [];
  const lines = servers.map(({ url, description, variables }) => {
    const defaults = Object.entries(variables ?? {})
      .map(([name, { default: value }]) => `\`${name}\` defaults to \`${value}\``)
      .join(', ');
    return `- \`${url}\`${description ? ` — ${description.trim()}` : ''}${defaults ? ` (${defaults})` : ''}`;
  });
  return ['## Servers', lines.join('\n')];
}

/** On a command's page, the webhooks it triggers; on a webhook's page, the commands that trigger it. */
function triggeredMarkdown(document: OpenApiDocument, entry: OperationEntry, links: PageLinks): string[] {
  const byName = new Map(listOperations(document).map((candidate) => [candidate.name, candidate]));
  const link = (name: string) => {
    const target = byName.get(name);
    return target === undefined ? `\`${name}\`` : `[\`${name}\`](${links.to(target)})`;
  };
  const triggered = triggeredBy(entry);
  if (triggered !== undefined) {
    const rows = triggered.webhooks.map((webhook) => [
      link(webhook.webhook),
      `\`${webhook.trigger}\``,
      `${webhook.max_delay_ms} ms`,
      webhook.on_timeout === undefined ? '' : `\`status: ${webhook.on_timeout}\` after \`timeout_ms\``,
      webhook.description,
    ]);
    return [
      '## Triggered webhooks',
      `In this order, per session. The command's \`timeout_ms\` is ${triggered.timeout_ms} ms.`,
      table(['webhook', 'fires on', 'within (of the `202`)', 'on timeout', 'when'], rows),
    ];
  }
  if (entry.kind !== 'webhook') return [];
  const rows = listOperations(document).flatMap((command) =>
    (triggeredBy(command)?.webhooks ?? [])
      .filter((webhook) => webhook.webhook === entry.name)
      .map((webhook) => [
        `[\`${command.operation.operationId}\`](${links.to(command)})`,
        `\`${webhook.trigger}\``,
        `${webhook.max_delay_ms} ms`,
        webhook.description,
      ]),
  );
  if (rows.length === 0) return [];
  return ['## Sent after', table(['command', 'fires on', 'within (of the `202`)', 'when'], rows)];
}

/** How a webhook is signed: each signature header's own description, and the guide's section on webhooks. */
function signatureMarkdown(document: OpenApiDocument, entry: OperationEntry, links: PageLinks): string[] {
  const headers = parameters(document, entry).filter((parameter) => parameter.in === 'header');
  const guide = entry.operation.tags?.map((tag) => links.guide(tag)).find((found) => found !== undefined);
  return [
    '## Signature',
    ...headers.map(({ name, description }) => `**\`${name}\`**: ${(description ?? '').trim()}`),
    ...(guide === undefined ? [] : [`More in the guide: [${entry.operation.tags?.[0]}](${guide}).`]),
  ];
}
