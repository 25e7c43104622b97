// The contract the tests hold targets to: the bundled one, and a copy with tighter timing so a
// broken target is caught in well under a second instead of the contract's seconds — the mock
// gateway's own delays (`mock_delay_ms`) stay within every bound of the copy.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBundledSpec } from '@call-control/spec';

// Shorter than the contract's, yet generous: the suite runs beside every other package's on two
// cores, where a webhook the mock sends at once can take a second to arrive.
export const TIGHT = {
  responseTimeoutMs: 3000,
  maxDelayMs: 1000,
  marginMs: 3000,
  // Longer first steps than the contract's, so at the mock's --retry-scale 0.001 a retry sent at
  // once (a few ms) is told from one that waited (300 ms; 600 ms after a Retry-After).
  retryScheduleS: [0, 300, 600, 1800, 7200],
};

/**
 * The bundled contract with the receiver's response timeout, every webhook's bound and the
 * retry schedule changed. The mock gateway can serve it too (`specPath`), so both sides read it.
 */
export function tighterSpec(): ReturnType<typeof loadBundledSpec> {
  const spec = loadBundledSpec();
  spec['x-gateway-limits'].webhook_response_timeout_ms = TIGHT.responseTimeoutMs;
  spec['x-gateway-limits'].webhook_retry_schedule_s = TIGHT.retryScheduleS;
  for (const item of Object.values(spec.paths) as ReturnType<typeof loadBundledSpec>[]) {
    for (const operation of Object.values(item) as ReturnType<typeof loadBundledSpec>[]) {
      for (const entry of operation?.['x-webhooks-triggered']?.webhooks ?? []) {
        if (entry.mock_delay_ms > TIGHT.maxDelayMs)
          throw new Error(`the mock waits longer than ${TIGHT.maxDelayMs} ms`);
        entry.max_delay_ms = TIGHT.maxDelayMs;
      }
    }
  }
  return spec;
}

/** A `whsec_` secret for a test. */
export const testSecret = (label: string) =>
  `whsec_${Buffer.from(`conformance-${label}`.padEnd(32, '.')).toString('base64')}`;

/** The tighter contract written to a file, for the mock gateway's `specPath`. */
export function tighterSpecFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'conformance-spec-'));
  const file = join(dir, 'openapi.json');
  writeFileSync(file, JSON.stringify(tighterSpec()));
  return file;
}
