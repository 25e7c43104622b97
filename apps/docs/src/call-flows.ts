// The source document's call flows, as the Arazzo workflows in spec/arazzo/: published beside
// the page (pointing at the openapi.json beside them) and linked from the introduction, with
// each workflow's summary read from the file itself.
import { parseDocument } from 'yaml';
import type { OpenApiDocument } from './openapi-document.js';

export const CALL_FLOWS_FILE = 'call-flows.arazzo.yaml';

export interface Workflow {
  workflowId: string;
  summary: string;
}

/** The workflows of an Arazzo document, and its text rewritten to use the spec beside it. */
export function publishCallFlows(arazzoText: string): { text: string; workflows: Workflow[] } {
  const document = parseDocument(arazzoText);
  const sources = document.get('sourceDescriptions') as { items: { set(key: string, value: string): void }[] };
  for (const source of sources.items) source.set('url', 'openapi.json');
  const workflows = (document.toJS().workflows as Workflow[]).map(({ workflowId, summary }) => ({
    workflowId,
    summary,
  }));
  return { text: document.toString(), workflows };
}

/** The introduction, extended with a section linking the call flows. */
export function withCallFlows<Document extends OpenApiDocument>(spec: Document, workflows: Workflow[]): Document {
  const list = workflows.map(({ workflowId, summary }) => `- \`${workflowId}\`: ${summary}`).join('\n');
  const section = [
    '## Call flows',
    `The source document's call flows, as runnable [Arazzo](https://spec.openapis.org/arazzo/latest.html) workflows: [${CALL_FLOWS_FILE}](${CALL_FLOWS_FILE}).`,
    'Run them against a gateway, or the mock gateway, with',
    '`redocly respect call-flows.arazzo.yaml --server callControl=http://127.0.0.1:4010 --input appId=… --input apiKey=…`.',
    '',
    list,
  ].join('\n');
  return { ...spec, info: { ...spec.info, description: `${(spec.info.description ?? '').trimEnd()}\n\n${section}\n` } };
}
