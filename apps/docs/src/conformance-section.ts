// The introduction's "Conformance" section: how a receiver author and the gateway team hold
// their code to this contract with @call-control/conformance, and every case it grades — read
// from the kit itself (its cases come from the same bundled contract), so the list on the page
// is the list the command runs.
import {
  answeredInTimeCase,
  gatewayCases,
  readContract,
  receiverCases,
  type CaseDefinition,
} from '@call-control/conformance';
import { CONFORMANCE_PACKAGE, readManifest, type PackageManifest } from './install-section.js';

const caseLine = ({ id, title, spec }: CaseDefinition) => `- \`${id}\` — ${title} (\`${spec}\`)`;

/** The section's Markdown; `spec` is the bundled contract the page renders. */
export function conformanceSection(spec: object, read: (name: string) => PackageManifest = readManifest): string {
  const bin = Object.keys(read(CONFORMANCE_PACKAGE).bin ?? {})[0];
  if (bin === undefined)
    throw new Error(`${CONFORMANCE_PACKAGE} has no bin: the Conformance section cannot show how to run it`);
  const contract = readContract(spec);
  const receiver = [...receiverCases(contract), answeredInTimeCase(contract)];
  const gateway = gatewayCases(contract);
  return [
    '## Conformance',
    `\`${CONFORMANCE_PACKAGE}\` holds a webhook receiver — yours, in any language — or a gateway to this contract, and`,
    'grades each answer by its rules. Until it is published, install it from the tarballs (see *Install*); once it is on npm:',
    '',
    '```sh',
    `npx ${CONFORMANCE_PACKAGE} receiver http://127.0.0.1:3000/webhooks --secret "$WEBHOOK_SECRET"`,
    `npx ${CONFORMANCE_PACKAGE} gateway --base-url https://gateway.example.com --app-id "$APP_ID" --api-key "$API_KEY" \\`,
    '  --webhook-secret "$WEBHOOK_SECRET" --listen 0.0.0.0:4020 --session <uuid> …',
    '```',
    '',
    `Installed, the command is \`${bin}\`. It prints one line per case and a summary, \`--json\` prints the`,
    'report as JSON and `--junit FILE` writes JUnit XML; it exits 0 when no case failed, 1 when one did, 2 for',
    'bad input. The gateway must deliver its webhooks to `--listen`; cases that need a live call take the',
    '`--session` calls (placed for the test, left ringing), or make their own on the mock gateway, and are',
    'skipped, with the reason, without either. Its README says how to run it in CI and against staging.',
    '',
    `**Receiver cases** (${receiver.length}): signed test deliveries sent to the receiver.`,
    '',
    ...receiver.map(caseLine),
    '',
    `**Gateway cases** (${gateway.length}): each command on a live call, its errors, its webhooks, retries and races.`,
    '',
    ...gateway.map(caseLine),
  ].join('\n');
}
