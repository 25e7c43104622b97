// What the log says of the receiver as a whole: one hint, once, for a receiver that refuses the
// signature (the secret's first characters only); one line per interval for one that cannot be
// reached, instead of one per attempt; and when it answers again.
import { Writable } from 'node:stream';
import FakeTimers from '@sinonjs/fake-timers';
import { expect, it } from 'vitest';
import { createReceiverHealth, SUMMARY_INTERVAL_MS, secretPrefix } from '../../src/delivery/receiver-health.js';
import { createLog } from '../../src/common/log.js';

const SECRET = `whsec_${Buffer.from('receiver-health-secret-32-bytes!').toString('base64')}`;

function setUp() {
  const lines: string[] = [];
  const stream = new Writable({
    write: (chunk, _encoding, done) => {
      lines.push(String(chunk).trimEnd());
      done();
    },
  });
  const fake = FakeTimers.createClock(1_000_000);
  const health = createReceiverHealth({
    url: new URL('http://127.0.0.1:3000/webhooks'),
    secret: SECRET,
    log: createLog({ stream }),
    clock: { now: () => fake.now, setTimeout: fake.setTimeout, clearTimeout: fake.clearTimeout },
  });
  return { health, lines, fake };
}

it('says a receiver cannot be reached at once, then once per interval with what failed, not per attempt', () => {
  const { health, lines, fake } = setUp();
  const summarised = [health.attempted('ECONNREFUSED')];
  for (let i = 0; i < 30; i++) {
    fake.tick(100);
    summarised.push(health.attempted(i % 10 === 0 ? 'ECONNRESET' : 'ECONNREFUSED'));
  }
  expect(summarised.every(Boolean)).toBe(true); // no attempt has a line of its own
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^WARN receiver http:\/\/127\.0\.0\.1:3000\/webhooks cannot be reached \(ECONNREFUSED ×1\)/);
  fake.tick(SUMMARY_INTERVAL_MS);
  health.attempted('ECONNREFUSED');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toBe(
    'WARN receiver http://127.0.0.1:3000/webhooks still cannot be reached: 31 attempts failed in the last 8 s (ECONNRESET ×3, ECONNREFUSED ×28)',
  );
  health.attempted(204);
  expect(lines[2]).toMatch(/^receiver http:\/\/127\.0\.0\.1:3000\/webhooks answers again \(204\), after 8\.0 s$/);
});

it.each([401, 403])('hints once, on the first %i, to compare secrets, naming only their first characters', (status) => {
  const { health, lines } = setUp();
  expect(health.attempted(status)).toBe(false); // the attempt keeps its own line
  health.attempted(status);
  health.attempted(401);
  expect(lines).toEqual([
    `WARN receiver http://127.0.0.1:3000/webhooks answered ${status}: if it checks signatures, compare its secret with the one this mock signs with, ${secretPrefix(SECRET)} (set it with --webhook-secret or MOCK_WEBHOOK_SECRET)`,
  ]);
  expect(secretPrefix(SECRET)).toBe(`${SECRET.slice(0, 10)}…`);
  expect(lines.join('\n')).not.toContain(SECRET.slice(10));
});

it.each<[string, number | string]>([
  ['a 2xx', 204],
  ['a 500', 500],
  ['a receiver too slow to answer in time (it is reachable)', 'timeout'],
])('says nothing of its own for %s: the attempt has its line', (_name, status) => {
  const { health, lines } = setUp();
  expect(health.attempted(status)).toBe(false);
  expect(lines).toEqual([]);
});
