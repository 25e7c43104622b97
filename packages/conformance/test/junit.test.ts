import { expect, it } from 'vitest';
import { toJUnit } from '../src/junit.js';
import { resultOf, toReport } from '../src/report.js';

const definition = (id: string) => ({ id, title: `rule <${id}> & "more"`, why: 'why', spec: '#/x' });
const report = toReport('http://h/?a=1&b=2', [
  resultOf(definition('a'), 'passed', 'sent a.'),
  resultOf(definition('b'), 'failed', 'sent b \u0001 → 200.'),
  resultOf(definition('c'), 'skipped', 'needs a live call'),
]);
const xml = toJUnit('receiver', report, 1.5);

it('writes one suite with the counts and the time', () => {
  expect(
    xml.startsWith(
      '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="call-control-conformance" tests="3" failures="1" skipped="1">',
    ),
  ).toBe(true);
  expect(xml).toContain(
    '<testsuite name="receiver http://h/?a=1&amp;b=2" tests="3" failures="1" skipped="1" errors="0" time="1.500">',
  );
  expect(xml.match(/<testcase /g)).toHaveLength(3);
});

it('writes a failure for a failed case, skipped for a skipped one, output for a passed one', () => {
  expect(xml).toContain(
    '<testcase classname="call-control-conformance.receiver" name="b">\n      <failure message="rule &lt;b&gt; &amp; &quot;more&quot;">sent b  → 200. Why it matters: why\n#/x</failure>',
  );
  expect(xml).toContain(
    '<testcase classname="call-control-conformance.receiver" name="c">\n      <skipped message="needs a live call"/>',
  );
  expect(xml).toContain('<system-out>sent a.\n#/x</system-out>');
});

it('leaves no character XML cannot hold, and no unescaped markup', () => {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters XML cannot hold are what is looked for
  expect(xml).not.toMatch(/[\u0000-\u0008]/);
  const text = xml.replace(/<[^<>]*>/g, '');
  expect(text).not.toMatch(/[<>]|&(?!amp;|lt;|gt;|quot;|apos;)/);
});
