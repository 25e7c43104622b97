// The try-it panels: their configuration read from the spec (walked here on its own), and in
// Chromium, from the built docs served as `pnpm start` serves them, each command's page with
// its panel — sending to a real mock gateway on another port (so CORS is real), it shows the
// 202 and then the webhooks the command caused, as the mock's journal has them; with the mock
// stopped it says what to run; a refused command shows its problem.
import { createServer } from 'node:net';
import { type MockGateway, startMockGateway } from '@call-control/mock-gateway';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dereference } from '@call-control/spec/json-pointer';
import { listOperations, type OperationEntry, type RequestBodyObject } from '../src/openapi-document.js';
import { resolveSchema, type JsonSchema } from '../src/schema-fields.js';
import { tryItConfig, withTryItPanels, tryItElement } from '../src/try-it.js';
import { loadBundledSpec, resultsDir } from './support/bundled-spec.js';
import { openBuiltDocs, openOperation, type OpenedDocs } from './support/docs-browser.js';

const spec = loadBundledSpec();
const commands = listOperations(spec).filter(({ kind }) => kind === 'path');
const hangup = commands.find(({ operation }) => operation.operationId === 'hangup')!;

describe('tryItConfig', () => {
  const config = tryItConfig(spec);

  it('offers every server of the spec, the one on this machine (the mock) first chosen', () => {
    expect(config.servers.map(({ url }) => new URL(url).origin)).toHaveLength(spec.servers!.length);
    const chosen = config.servers[config.defaultServer]!;
    expect(chosen).toEqual({ url: 'http://127.0.0.1:4010', description: expect.any(String), mock: true });
    expect(config.servers.filter(({ mock }) => mock)).toHaveLength(1);
  });

  it.each(commands.map((entry) => [entry.operation.operationId!, entry] as const))(
    '%s: its path, and a field per property of its body schema, with the schema’s rules',
    (operationId, entry) => {
      const operation = config.operations[operationId]!;
      expect([operation.method, operation.path]).toEqual([entry.method.toUpperCase(), entry.name]);
      const body = dereference<RequestBodyObject>(spec, entry.operation.requestBody!);
      const schema = resolveSchema(spec, body.content['application/json']!.schema as JsonSchema);
      expect(operation.fields.map(({ name }) => name)).toEqual(Object.keys(schema.properties!));
      for (const field of operation.fields) {
        const property = resolveSchema(spec, schema.properties![field.name] as JsonSchema) as JsonSchema & {
          'x-cause-codes'?: object;
        };
        expect([field.pattern, field.maxLength, field.default]).toEqual([
          property.pattern,
          property.maxLength,
          property.default,
        ]);
        const known = property.enum ?? (property['x-cause-codes'] && Object.keys(property['x-cause-codes']));
        expect(field.choices).toEqual(known);
      }
    },
  );

  it('offers the hangup causes the spec names as a select, NORMAL_CLEARING chosen', () => {
    const cause = config.operations.hangup!.fields.find(({ name }) => name === 'cause')!;
    expect(cause.choices).toContain('USER_BUSY');
    expect(cause.default).toBe('NORMAL_CLEARING');
  });

  it('puts each command’s panel in its description, on a copy', () => {
    const copy = withTryItPanels(spec);
    for (const entry of listOperations(copy))
      expect(entry.operation.description?.includes('data-try-it')).toBe(entry.kind === 'path');
    expect(JSON.stringify(spec)).not.toContain('data-try-it');
    expect(tryItElement('hangup')).toBe('<div class="try-it" data-try-it="hangup"></div>');
  });
});

/** A port nothing listens on (held for a moment, then let go). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('in Chromium, against a real mock gateway', () => {
  let docs: OpenedDocs;
  let page: Page;
  let gateway: MockGateway;
  beforeAll(async () => {
    docs = await openBuiltDocs();
    page = docs.page;
    gateway = await startMockGateway({ port: 0, quiet: true, corsOrigins: [docs.server.url] });
  });
  afterAll(async () => {
    await docs?.close();
    await gateway?.close();
  });

  const panelOf = async (entry: OperationEntry): Promise<Locator> => {
    const panel = (await openOperation(page, entry)).locator('.try-it-panel');
    await panel.waitFor({ state: 'visible' });
    return panel;
  };

  it.each(commands.map((entry) => [entry.operation.operationId!, entry] as const))(
    '%s’s page has its panel: the servers, the credentials and the body’s fields',
    async (operationId, entry) => {
      const panel = await panelOf(entry);
      const config = tryItConfig(spec).operations[operationId]!;
      const options = await panel.locator('select[name=server] option').allTextContents();
      expect(options.map((text) => text.split(' — ')[0])).toEqual(
        spec.servers!.map(({ url }) => url.replace('{gateway_host}', 'gateway.example.com')),
      );
      expect(await panel.locator('input[name=server_url]').inputValue()).toBe('http://127.0.0.1:4010');
      for (const header of ['X-App-ID', 'X-API-Key']) await panel.locator(`input[name="${header}"]`).waitFor();
      for (const field of config.fields)
        await panel.locator(`${field.choices ? 'select' : 'input'}[name="${field.name}"]`).waitFor();
    },
  );

  it('hangup on the mock: the 202, then command.result and call.hangup within 2 s, as the journal has them', async () => {
    const panel = await panelOf(hangup);
    await panel.locator('input[name=server_url]').fill(gateway.url);
    await panel.locator('input[name=session]').fill(''); // a new inbound call
    await panel.locator('select[name=cause]').selectOption('USER_BUSY');
    await panel.getByRole('button', { name: /^Send/ }).click();
    await panel.locator('.try-it-ok[data-status="202"]').waitFor({ timeout: 10_000 });
    const webhooks = panel.locator('.try-it-webhooks > li');
    // The spec's promise for a hangup: both well within 2 s of the 202.
    await webhooks.locator('xpath=self::*[@data-type="call.hangup"]').waitFor({ timeout: 2_000 });
    await webhooks.locator('xpath=self::*[@data-type="command.result"]').waitFor({ timeout: 2_000 });

    const accepted = JSON.parse(await panel.locator('.try-it-answer pre').innerText()) as { operation_id: string };
    const session = await panel.locator('input[name=session]').inputValue();
    const { deliveries: journal } = (await (
      await fetch(`${gateway.url}/__mock/deliveries?operation=${accepted.operation_id}`)
    ).json()) as { deliveries: { id: string; type: string; state: string; session_uuid: string; payload: unknown }[] };
    expect(journal.map(({ type }) => type)).toEqual(['command.result', 'call.hangup']);
    expect(journal.every(({ session_uuid }) => session_uuid === session)).toBe(true);
    const shown = await webhooks.evaluateAll((rows) =>
      rows.map((row) => ({
        id: row.getAttribute('data-webhook-id'),
        type: row.getAttribute('data-type'),
        state: row.getAttribute('data-state'),
        payload: JSON.parse(row.querySelector('pre')?.textContent ?? 'null'),
      })),
    );
    expect(shown).toEqual(journal.map(({ id, type, state, payload }) => ({ id, type, state, payload })));
    expect(await webhooks.first().innerText()).toContain(`webhook-id: ${journal[0]!.id}`);
    await page.screenshot({ path: `${resultsDir}/try-it-hangup.png` });
  });

  it('a refused command shows its problem: the status, title and detail', async () => {
    const panel = await panelOf(hangup);
    await panel.locator('input[name=server_url]').fill(gateway.url);
    await panel.locator('input[name=session]').fill(''); // a new inbound call
    await panel.getByRole('button', { name: /^Send/ }).click();
    await panel.locator('.try-it-ok[data-status="202"]').waitFor();
    // The same call again: it has ended.
    await panel.getByRole('button', { name: /^Send/ }).click();
    const problem = panel.locator('.try-it-problem[data-status="404"]');
    await problem.waitFor();
    expect(await problem.innerText()).toMatch(/^404 Not Found — .+: .+/);
    expect(await panel.locator('.try-it-webhooks > li').count()).toBe(0);
  });

  it('holds each field to the spec’s pattern before anything is sent', async () => {
    const panel = await panelOf(hangup);
    await panel.locator('input[name=server_url]').fill(gateway.url);
    await panel.locator('input[name=session]').fill('');
    const commandUid = panel.locator('input[name=command_uid]');
    await commandUid.fill('not valid!');
    const before = docs.requests.length;
    await panel.getByRole('button', { name: /^Send/ }).click();
    expect(await commandUid.evaluate((input) => (input as HTMLInputElement).validationMessage)).toBe(
      `must match ${tryItConfig(spec).operations.hangup!.fields.find(({ name }) => name === 'command_uid')!.pattern}`,
    );
    expect(docs.requests.length).toBe(before);
    await commandUid.fill('order-4711.hangup_1');
    expect(await commandUid.evaluate((input) => (input as HTMLInputElement).checkValidity())).toBe(true);
    await commandUid.fill('');
    // (A refused request is logged by Chromium itself as a failed load: not the page's error.)
    expect(docs.consoleErrors.filter((error) => !error.startsWith('Failed to load resource'))).toEqual([]);
  });

  it('with the mock stopped, says plainly what to run', async () => {
    const panel = await panelOf(hangup);
    const url = `http://127.0.0.1:${await closedPort()}`;
    await panel.locator('input[name=server_url]').fill(url);
    await panel.getByRole('button', { name: /^Send/ }).click();
    const said = panel.locator('[data-unreachable="true"]');
    await said.waitFor();
    const text = await said.innerText();
    expect(text).toContain(`The mock gateway is not running on ${url}`);
    expect(text).toContain('pnpm start');
    expect(text).toContain(`npx call-control-mock --cors-origin ${docs.server.url}`);
  });

  it('asks nothing of any host but this machine', () => {
    const hosts = new Set(docs.requests.map((url) => new URL(url).hostname).filter(Boolean));
    expect([...hosts]).toEqual(['127.0.0.1']);
  });
});
