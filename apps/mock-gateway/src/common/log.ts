// One readable line per request (method, path, status, ms) and per delivery attempt (event,
// id, attempt, status), as text or as JSON lines. `quiet` keeps only warnings and errors.
import type { Writable } from 'node:stream';

export type LogFormat = 'pretty' | 'json';

export interface Log {
  /** Whether info lines are written (callers skip building a line nobody will read). */
  readonly verbose: boolean;
  request(entry: { method: string; path: string; status: number; ms: number; note?: string }): unknown;
  delivery(entry: {
    event: string;
    id: string;
    attempt: number;
    status: number | string;
    ms: number;
    session: string;
    duplicate?: boolean;
  }): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

export function createLog({
  format = 'pretty',
  quiet = false,
  stream = process.stdout,
}: {
  format?: LogFormat;
  quiet?: boolean;
  stream?: Writable;
} = {}): Log {
  const write = (level: 'info' | 'warn', kind: string, text: string, fields: Record<string, unknown>) => {
    if (quiet && level === 'info') return;
    stream.write(
      format === 'json'
        ? `${JSON.stringify({ time: new Date().toISOString(), level, kind, ...fields })}\n`
        : `${level === 'warn' ? 'WARN ' : ''}${text}\n`,
    );
  };
  return {
    verbose: !quiet,
    // Under --quiet the hot paths return before building a line: the benchmark runs that way.
    request: ({ method, path, status, ms, note }) =>
      !quiet &&
      write('info', 'request', `${method} ${path} ${status} ${ms.toFixed(1)}ms${note ? ` (${note})` : ''}`, {
        method,
        path,
        status,
        ms: Number(ms.toFixed(2)),
        ...(note ? { note } : {}),
      }),
    delivery: ({ event, id, attempt, status, ms, session, duplicate }) => {
      const failed = typeof status !== 'number' || status < 200 || status > 299;
      if (quiet && !failed) return;
      const copy = duplicate ? ' (duplicate)' : '';
      write(
        failed ? 'warn' : 'info',
        'delivery',
        `webhook ${event} ${id}${copy} attempt ${attempt} → ${status} ${ms.toFixed(1)}ms (session ${session})`,
        {
          event,
          id,
          attempt,
          status,
          ms: Number(ms.toFixed(2)),
          session,
          ...(duplicate ? { duplicate } : {}),
        },
      );
    },
    info: (message, fields = {}) => write('info', 'info', message, { message, ...fields }),
    warn: (message, fields = {}) => write('warn', 'warn', message, { message, ...fields }),
  };
}
