// Runs the real Redocly CLI, as `pnpm lint` does, and returns its JSON report.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const specDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const redocly = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');

interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { source: { ref: string }; pointer: string }[];
}
export interface LintReport {
  totals: { errors: number; warnings: number; ignored: number };
  problems: LintProblem[];
}

/** `redocly lint [file] --format=json` with the spec's redocly.yaml. Exit status is ignored. */
export async function lint(file?: string): Promise<LintReport> {
  const args = [redocly, 'lint', ...(file ? [file] : []), '--config', 'redocly.yaml', '--format=json'];
  const { stdout } = await promisify(execFile)(process.execPath, args, {
    cwd: specDir,
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  }).catch((failure: { stdout?: string }) => ({ stdout: failure.stdout ?? '' }));
  return JSON.parse(stdout.slice(stdout.indexOf('{')));
}
