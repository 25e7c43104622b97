// How the limits are written into prose (the decorator's side of the rule).
import { describe, expect, it } from 'vitest';
import { LIMITS, formatBytes, formatDuration, limitsSection, renderLimits } from './gateway-limits.js';
import { loadBundledSpec } from '../test/support/bundled-spec.js';

const limits = loadBundledSpec()['x-gateway-limits'];

describe('figures', () => {
  it.each<[number, 'long' | 'short', string]>([
    [15_000, 'long', '15 seconds'],
    [1000, 'long', '1 second'],
    [300_000, 'long', '5 minutes'],
    [86_400_000, 'long', '24 hours'],
    [1500, 'long', '1500 milliseconds'],
    [36_000_000, 'short', '10 h'],
    [1_800_000, 'short', '30 min'],
  ])('%d ms (%s) is written %s', (ms, style, want) => {
    expect(formatDuration(ms, style)).toBe(want);
  });

  it.each([
    [16384, '16 KiB'],
    [1000, '1000 bytes'],
    [512, '512 bytes'],
  ])('%d bytes is written %s', (bytes, want) => {
    expect(formatBytes(bytes)).toBe(want);
  });

  it('writes the retry schedule and the statuses as prose', () => {
    expect(LIMITS.webhook_retry_schedule_s.render([0, 5, 300])).toBe(
      'after 5 s and 5 min (3 attempts in all, the first immediate)',
    );
    expect(LIMITS.webhook_retry_schedule_s.render([60, 5])).toBe(
      'after 5 s (2 attempts in all, the first after 1 min)',
    );
    expect(LIMITS.webhook_retry_after_statuses.render([429, 503])).toBe('`429` or `503`');
  });
});

describe('renderLimits', () => {
  it('fills in each placeholder and names the ones that are no limit', () => {
    expect(
      renderLimits('at most {{x-gateway-limits.max_body_bytes}}, within {{x-gateway-limits.nope}}', limits),
    ).toEqual({
      text: 'at most 16 KiB, within {{x-gateway-limits.nope}}',
      unknown: ['nope'],
    });
  });

  it('leaves text without placeholders as it is', () => {
    expect(renderLimits('no figures here', limits)).toEqual({ text: 'no figures here', unknown: [] });
  });
});

it('the Limits section has one row per limit of the data', () => {
  const rows = limitsSection(limits)
    .split('\n')
    .filter((line) => line.startsWith('| `'));
  expect(rows.map((row) => row.split('`')[1])).toEqual(Object.keys(LIMITS).filter((key) => key in limits));
});
