// `pnpm start` (or its script) run for real, as a terminal runs it: the leader of its own
// process group, so Ctrl-C is a SIGINT to the whole group, as a terminal sends it.
import { type ChildProcess, spawn } from 'node:child_process';
import { cleanEnv } from './consumer-project.js';
import { workspaceRoot } from './packed-packages.js';

export interface MainJob {
  readonly output: string;
  /** The first match of `pattern` in the output so far or to come (30 s at most). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves when the job has ended by itself: its exit status, or the signal that ended it. */
  ended(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Ctrl-C: SIGINT to the group; then how it ended (SIGKILL to the group after 20 s). */
  interrupt(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startMainJob(command: string, args: string[]): MainJob {
  const child: ChildProcess = spawn(command, args, {
    cwd: workspaceRoot,
    env: cleanEnv(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  let gone = false;
  void ended.then(() => (gone = true));
  for (const stream of [child.stdout!, child.stderr!]) stream.on('data', (chunk) => (output += chunk));
  const toGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {} // the group is gone
  };
  return {
    get output() {
      return output;
    },
    async waitFor(pattern, timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const match = output.match(pattern);
        if (match !== null) return match;
        if (gone || Date.now() > until)
          throw new Error(`\`${command} ${args.join(' ')}\` did not print ${pattern}; it printed:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    ended: () => ended,
    interrupt() {
      toGroup('SIGINT');
      const timer = setTimeout(() => toGroup('SIGKILL'), 20_000);
      return ended.finally(() => clearTimeout(timer));
    },
  };
}
