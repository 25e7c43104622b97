#!/usr/bin/env node
// `call-control-conformance receiver …` and `… gateway …`: one battery, its report (the table,
// or `--json`; `--junit FILE` besides), exit 0 when no case failed, 1 when one did, 2 for bad
// input — a bad flag, a secret that is not whsec_…, a URL nothing answers at, a port in use —
// always as one line, never a stack trace.
import { writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { parseCommandLine, USAGE, UsageError, type CliCommand } from './cli-args.js';
import { readContract } from './contract.js';
import { formatReport } from './format-report.js';
import { checkGateway } from './gateway/check-gateway.js';
import { toJUnit } from './junit.js';
import { checkReceiver } from './receiver/check-receiver.js';
import type { Report } from './report.js';

const PROBE_TIMEOUT_MS = 5_000;

function fail(message: string): never {
  console.error(`call-control-conformance: ${message}`);
  process.exit(2);
}

/** Whether anything listens at the URL's host and port: a TCP connection only, no request. */
function reachable(url: string): Promise<string | undefined> {
  const { hostname, port, protocol } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({
      host: hostname.replace(/^\[|\]$/g, ''),
      port: Number(port || (protocol === 'https:' ? 443 : 80)),
    });
    const done = (problem: string | undefined) => {
      socket.destroy();
      resolve(problem);
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => done(`no connection within ${PROBE_TIMEOUT_MS} ms`));
    socket.once('connect', () => done(undefined));
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
  });
}

const LISTEN_ERRORS: Record<string, string> = {
  EADDRINUSE: 'the port is in use',
  EACCES: 'no permission to listen there',
  EADDRNOTAVAIL: 'this machine has no such address',
  ENOTFOUND: 'no such host',
};

async function run(command: Exclude<CliCommand, { side: 'help' }>): Promise<Report> {
  const url = command.side === 'receiver' ? command.url : command.baseUrl;
  const problem = await reachable(url);
  if (problem !== undefined) fail(`cannot reach ${url}: ${problem}`);
  if (command.side === 'receiver') return checkReceiver({ url: command.url, secret: command.secret });
  try {
    return await checkGateway({ ...command, scheduleScale: command.scheduleScale });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== undefined && code in LISTEN_ERRORS)
      fail(`--listen ${command.listen.host}:${command.listen.port}: ${LISTEN_ERRORS[code]}`);
    throw error;
  }
}

async function main(): Promise<void> {
  let command: CliCommand;
  try {
    command = parseCommandLine(process.argv.slice(2), readContract().sessionUuid);
  } catch (error) {
    if (error instanceof UsageError) fail(`${error.message} (--help shows the usage)`);
    throw error;
  }
  if (command.side === 'help') {
    console.log(USAGE);
    return;
  }
  const started = performance.now();
  const report = await run(command);
  const seconds = (performance.now() - started) / 1000;
  console.log(command.json ? JSON.stringify(report, null, 2) : formatReport(command.side, report));
  if (command.junit !== undefined) {
    await writeFile(command.junit, toJUnit(command.side, report, seconds)).catch((error: NodeJS.ErrnoException) =>
      fail(`--junit ${command.junit}: ${error.code ?? error.message}`),
    );
  }
  process.exitCode = report.failed > 0 ? 1 : 0;
}

main().catch((error: Error) => fail(error.message.split('\n')[0]!));
