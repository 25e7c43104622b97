// `pnpm --filter @call-control/docs screenshots`: regenerates the screenshots the docs' README
// shows (screenshots/*.png) in real Chromium — the hangup page's try-it panel at 1280 and 390 px
// wide after a real send to a real mock gateway, and the mock's inspector in dark mode. Run
// after a build (it serves dist/ as `pnpm start` does); not part of `pnpm test`.
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { startMockGateway } from '@call-control/mock-gateway';
import { chromium } from 'playwright-core';
import { startDocsServer } from '../lib/server.js';

const appDir = fileURLToPath(new URL('..', import.meta.url));
const out = (name) => `${appDir}screenshots/${name}`;
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

mkdirSync(`${appDir}screenshots`, { recursive: true });
const docs = await startDocsServer({ port: 0, host: '127.0.0.1', root: `${appDir}dist` });
// On the mock's usual port when it is free, so the pictures show what a reader sees.
const gateway = await startMockGateway({ port: 4010, quiet: true, corsOrigins: [docs.url] }).catch(() =>
  startMockGateway({ port: 0, quiet: true, corsOrigins: [docs.url] }),
);
// For the inspector: a receiver that refuses each webhook's first attempt, saying why, then takes it.
const tried = new Set();
const receiver = createServer((req, res) => {
  const id = req.headers['webhook-id'];
  req.resume().on('end', () => {
    if (tried.has(id)) return res.writeHead(204).end();
    tried.add(id);
    res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"database busy, try again"}');
  });
});
await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const withReceiver = await startMockGateway({
  port: 0,
  quiet: true,
  webhookUrl: `http://127.0.0.1:${receiver.address().port}/webhooks`,
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
});
try {
  for (const [width, height, name] of [
    [1280, 900, 'try-it-1280.png'],
    [390, 844, 'try-it-390.png'],
  ]) {
    const page = await browser.newPage({ viewport: { width, height } });
    await page.goto(`${docs.url}/#/commands/hangup`, { waitUntil: 'networkidle' });
    const panel = page.locator('[id="commands/hangup"] .try-it-panel');
    await panel.waitFor();
    await panel.locator('input[name=server_url]').fill(gateway.url);
    await panel.locator('select[name=cause]').selectOption('USER_BUSY');
    await panel.getByRole('button', { name: /^Send/ }).click();
    await panel.locator('.try-it-webhooks > li[data-type="call.hangup"]').waitFor();
    await panel.locator('.try-it-webhooks > li[data-type="command.result"] summary').click();
    if (width > 600) {
      await panel.locator('h3').evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: out(name) });
    } else await panel.screenshot({ path: out(name) });
    console.log(`wrote ${out(name)}`);
    await page.close();
  }

  const page = await browser.newPage({ viewport: { width: 1280, height: 760 }, colorScheme: 'dark' });
  await page.goto(withReceiver.inspectorUrl);
  await page.locator('#status[data-status="live"]').waitFor();
  await page.locator('#new-session').click();
  await page.locator('#session-state[data-state="ringing"]').waitFor();
  await page.locator('#command-form button[type="submit"]').click(); // answer
  await page.locator('#timeline li[data-type="command.result"]').waitFor();
  await page.locator('#command-form select[name="command"]').selectOption('hangup');
  await page.locator('#command-form select[name="cause"]').selectOption('USER_BUSY');
  await page.locator('#command-form button[type="submit"]').click();
  await page.locator('#timeline li[data-type="call.hangup"][data-state="delivered"]').waitFor();
  await page.screenshot({ path: out('inspector-dark.png'), fullPage: true });
  console.log(`wrote ${out('inspector-dark.png')}`);
} finally {
  await browser.close();
  await gateway.close();
  await withReceiver.close();
  receiver.close();
  await docs.close();
}
