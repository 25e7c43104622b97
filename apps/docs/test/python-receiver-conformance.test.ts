// Every webhook's Python receiver sample, run as a real process (Debian's python3), held to the
// conformance kit's receiver battery (`@call-control/conformance`, as `call-control-conformance
// receiver` runs it): every webhook's examples, the compatibility rules, raw-body signatures,
// secret rotation, timestamps and forgeries, each answer judged. A sample that fails a case
// fails here with the case's id and what the kit saw.
import { checkReceiver, receiverCases, readContract } from '@call-control/conformance';
import { generateWebhookSecret } from '@call-control/mock-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOperations } from '../src/openapi-document.js';
import { pythonReceiverSample } from '../src/python-receiver.js';
import { loadBundledSpec } from './support/bundled-spec.js';
import { startPythonServer, writeSample, type PythonServer } from './support/python.js';

const spec = loadBundledSpec();
const webhooks = listOperations(spec).filter((entry) => entry.kind === 'webhook');
const secret = generateWebhookSecret();

describe.each(webhooks.map((entry) => [entry.name, entry] as const))('the %s receiver in Python', (name, entry) => {
  let receiver: PythonServer;
  beforeAll(async () => {
    const path = writeSample(`conformance_${name.replaceAll('.', '_')}.py`, pythonReceiverSample(spec, entry));
    receiver = await startPythonServer(path, ['--port', '0'], { WEBHOOK_SECRET: secret });
  });
  afterAll(() => receiver?.stop());

  it('passes every case of the conformance kit’s receiver battery', async () => {
    const report = await checkReceiver({ url: `${receiver.url}/webhooks`, secret });
    const failed = report.cases
      .filter(({ outcome }) => outcome !== 'passed')
      .map(({ id, outcome, detail }) => `${id} ${outcome}: ${detail}`);
    expect(failed).toEqual([]);
    // Every case the kit derives from the contract ran (none left out by an early stop).
    const ran = report.cases.map(({ id }) => id);
    expect(ran).toEqual(expect.arrayContaining(receiverCases(readContract()).map(({ id }) => id)));
    expect([report.passed, report.failed, report.skipped]).toEqual([ran.length, 0, 0]);
  }, 120_000);
});
