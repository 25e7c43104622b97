import { expect, it } from 'vitest';
import { accept, type Outcome, PASSED, refuse } from '../../src/common/outcome.js';

it('tags what was accepted with its value, and what was refused with its reason', () => {
  const outcomes: Outcome<number, string>[] = [accept(3), refuse('too small')];
  expect(outcomes.map((outcome) => (outcome.ok ? `value ${outcome.value}` : `reason ${outcome.reason}`))).toEqual([
    'value 3',
    'reason too small',
  ]);
});

it('PASSED is one shared, frozen acceptance of nothing', () => {
  expect(PASSED).toEqual({ ok: true, value: undefined });
  expect(Object.isFrozen(PASSED)).toBe(true);
});
