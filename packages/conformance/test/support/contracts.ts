// The contract the tests hold targets to: the bundled one, and a copy with tighter timing so a
// broken target is caught in well under a second instead of the contract's seconds — the mock
// gateway's own delays (`mock_delay_ms`) stay within every bound of the copy.
import { loadBundledSpec } from '@call-control/spec';

export const TIGHT = { responseTimeoutMs: 1000, maxDelayMs: 400, marginMs: 500 };

/** The bundled contract with the receiver's response timeout and every webhook's bound shortened. */
export function tighterSpec(): Record<string, any> {
  const spec = loadBundledSpec();
  spec['x-gateway-limits'].webhook_response_timeout_ms = TIGHT.responseTimeoutMs;
  for (const item of Object.values(spec.paths) as Record<string, any>[]) {
    for (const operation of Object.values(item)) {
      for (const entry of operation?.['x-webhooks-triggered']?.webhooks ?? []) {
        if (entry.mock_delay_ms > TIGHT.maxDelayMs) throw new Error(`the mock waits longer than ${TIGHT.maxDelayMs} ms`);
        entry.max_delay_ms = TIGHT.maxDelayMs;
      }
    }
  }
  return spec;
}

/** A `whsec_` secret for a test. */
export const testSecret = (label: string) => `whsec_${Buffer.from(`conformance-${label}`.padEnd(32, '.')).toString('base64')}`;
