// The log's two formats, and what --quiet keeps.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLog, type LogFormat } from '../../src/common/log.js';

function logTo(format: LogFormat, quiet = false) {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).trimEnd().split('\n'));
      done();
    },
  });
  return { log: createLog({ format, quiet, stream }), lines };
}

const write = (log: ReturnType<typeof createLog>) => {
  log.request({ method: 'POST', path: '/p', status: 202, ms: 0.42, note: 'replayed' });
  log.delivery({ event: 'command.result', id: 'evt_1', attempt: 1, status: 204, ms: 1.23, session: 's' });
  log.delivery({ event: 'call.hangup', id: 'evt_2', attempt: 2, status: 'ECONNREFUSED', ms: 0.5, session: 's' });
  log.info('hello', { session: 's' });
  log.warn('careful');
};

describe('createLog', () => {
  it('pretty: one readable line each; failed deliveries and warnings marked WARN', () => {
    const { log, lines } = logTo('pretty');
    write(log);
    expect(lines).toEqual([
      'POST /p 202 0.4ms (replayed)',
      'webhook command.result evt_1 attempt 1 → 204 1.2ms (session s)',
      'WARN webhook call.hangup evt_2 attempt 2 → ECONNREFUSED 0.5ms (session s)',
      'hello',
      'WARN careful',
    ]);
  });

  it('json: one object per line, with its level and kind', () => {
    const { log, lines } = logTo('json');
    write(log);
    const entries = lines.map((line) => JSON.parse(line));
    expect(entries.map(({ level, kind }) => [level, kind])).toEqual([
      ['info', 'request'],
      ['info', 'delivery'],
      ['warn', 'delivery'],
      ['info', 'info'],
      ['warn', 'warn'],
    ]);
    expect(entries[0]).toMatchObject({ method: 'POST', path: '/p', status: 202, ms: 0.42, note: 'replayed' });
    expect(entries[3]).toMatchObject({ message: 'hello', session: 's' });
    expect(Date.parse(entries[0].time)).not.toBeNaN();
  });

  it.each<[LogFormat, (line: string) => void]>([
    [
      'pretty',
      (line) => expect(line).toBe('webhook call.answered evt_3 (duplicate) attempt 1 → 204 0.1ms (session s)'),
    ],
    ['json', (line) => expect(JSON.parse(line)).toMatchObject({ kind: 'delivery', id: 'evt_3', duplicate: true })],
  ])('%s: a duplicate delivery says it is one', (format, check) => {
    const { log, lines } = logTo(format);
    log.delivery({
      event: 'call.answered',
      id: 'evt_3',
      attempt: 1,
      status: 204,
      ms: 0.1,
      session: 's',
      duplicate: true,
    });
    check(lines[0]!);
  });

  it('quiet: only warnings and failed deliveries', () => {
    const { log, lines } = logTo('pretty', true);
    write(log);
    expect(lines).toEqual([
      'WARN webhook call.hangup evt_2 attempt 2 → ECONNREFUSED 0.5ms (session s)',
      'WARN careful',
    ]);
  });
});
