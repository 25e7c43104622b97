// The receiver of @call-control/webhooks' README, as its reader copies it: the TypeScript
// example taken from the README, compiled by TypeScript, and run as its own process on a free
// port (it reads WEBHOOK_SECRET and PORT).
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import ts from 'typescript';

const README = new URL('../../../webhooks/README.md', import.meta.url);
// Inside the package, so the example's imports resolve to the workspace's @call-control/webhooks.
const OUT = new URL('../../test-results/', import.meta.url);

export function readmeReceiverSource(): string {
  const blocks = [...readFileSync(README, 'utf8').matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map(([, code]) => code!);
  const example = blocks.find((code) => code.includes('createWebhookHandler') && code.includes('listen('));
  if (example === undefined) throw new Error('the webhooks README has no receiver example');
  return ts.transpileModule(example, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
}

export async function startReadmeReceiver(
  secret: string,
): Promise<{ url: string; output: () => string; close(): Promise<void> }> {
  mkdirSync(OUT, { recursive: true });
  const file = new URL('readme-receiver.mjs', OUT);
  writeFileSync(file, readmeReceiverSource());
  const child = spawn(process.execPath, [file.pathname], {
    env: { ...process.env, WEBHOOK_SECRET: secret, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the README receiver did not start:\n${output}`)), 15_000);
    const read = (chunk: Buffer) => {
      output += chunk;
      const match = output.match(/receiving webhooks on (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (match !== null) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', () => reject(new Error(`the README receiver exited:\n${output}`)));
  });
  return {
    url,
    output: () => output,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
