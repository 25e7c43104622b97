// An app outside the monorepo: an empty folder in the system's temporary directory, the packed
// tarballs installed into it with plain npm, as a user's project would get them from the
// registry. Commands run there with an environment stripped of the workspace's npm/pnpm
// settings, so nothing of the monorepo leaks in.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ConsumerProject {
  dir: string;
  /** npm's own output of the install (warnings included). */
  installLog: string;
  env: NodeJS.ProcessEnv;
  run(
    command: string,
    args: string[],
    options?: { env?: NodeJS.ProcessEnv; timeoutMs?: number },
  ): Promise<CommandResult>;
  write(file: string, text: string): string;
  remove(): void;
}

/** How this machine reaches a registry: kept, so a mirror or a proxy set in the environment still works. */
const NETWORK_SETTING =
  /^npm_config_(registry|cache|userconfig|proxy|https_proxy|noproxy|cafile|strict_ssl|@[^:]+:registry)$/i;

/** The caller's environment without what npm, pnpm and turbo set for the workspace's scripts. */
export function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => NETWORK_SETTING.test(key) || !/^(npm_|pnpm_|turbo_)/i.test(key)),
  );
}

export async function createConsumerProject(packages: string[]): Promise<ConsumerProject> {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'call-control-consumer-')));
  const env = cleanEnv();
  const run: ConsumerProject['run'] = (command, args, options = {}) => {
    const timeout = options.timeoutMs ?? 120_000;
    return promisify(execFile)(command, args, {
      cwd: dir,
      env: { ...env, ...options.env },
      timeout,
      maxBuffer: 32 * 1024 * 1024,
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (failure: { code?: number | string; killed?: boolean; stdout?: string; stderr?: string; message: string }) => ({
        code: typeof failure.code === 'number' ? failure.code : 1,
        stdout: failure.stdout ?? '',
        // A command stopped at its timeout may have printed nothing (npm writes at the end).
        stderr: `${failure.stderr || failure.message}${failure.killed ? `\n(stopped after ${timeout} ms)` : ''}`,
      }),
    );
  };
  const write = (file: string, text: string) => {
    writeFileSync(join(dir, file), text);
    return join(dir, file);
  };
  write(
    'package.json',
    `${JSON.stringify({ name: 'call-control-consumer', private: true, type: 'module' }, null, 2)}\n`,
  );
  const install = await run('npm', ['install', '--no-audit', '--no-fund', ...packages], { timeoutMs: 300_000 });
  if (install.code !== 0) throw new Error(`npm install failed in ${dir}:\n${install.stdout}${install.stderr}`);
  return {
    dir,
    installLog: `${install.stdout}${install.stderr}`,
    env,
    run,
    write,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface RunningProcess {
  readonly output: string;
  /** Resolves with the first match of `pattern` in the output (stdout and stderr), or rejects after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /**
   * SIGTERM (to the whole process group, when started as one), then the exit code once every
   * process holding its output has exited; SIGKILL after `graceMs`, so nothing outlives a test.
   */
  stop(graceMs?: number): Promise<number | null>;
}

/**
 * Starts a long-running command (a server) and collects its output. With `group`, it leads a
 * process group of its own and is stopped as a terminal stops it (a signal to the group): `npx`
 * exits on SIGTERM without passing it to the program it runs.
 */
export function startProcess(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; group?: boolean },
): RunningProcess {
  const { group = false, ...spawnOptions } = options;
  const child: ChildProcess = spawn(command, args, {
    ...spawnOptions,
    detached: group,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const signal = (name: NodeJS.Signals) => {
    try {
      if (group) process.kill(-child.pid!, name);
      else child.kill(name);
    } catch {} // already gone
  };
  let output = '';
  const listeners = new Set<() => void>();
  let hasExited = false;
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      hasExited = true;
      for (const listener of listeners) listener();
      resolve(code);
    }),
  );
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      for (const listener of listeners) listener();
    });
  }
  return {
    get output() {
      return output;
    },
    waitFor(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = output.match(pattern);
          if (match === null && !hasExited) return;
          cleanup();
          if (match !== null) resolve(match);
          else
            reject(
              new Error(`\`${command} ${args.join(' ')}\` exited before printing ${pattern}; it printed:\n${output}`),
            );
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(
              `\`${command} ${args.join(' ')}\` did not print ${pattern} within ${timeoutMs} ms; it printed:\n${output}`,
            ),
          );
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    stop(graceMs = 15_000) {
      if (hasExited) return exited;
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), graceMs);
      return exited.finally(() => clearTimeout(timer));
    },
  };
}
