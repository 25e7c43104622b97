// 2. Client overhead, two ways. Over the network: sequential calls against the bare server with
// raw fetch, our client, plain openapi-fetch (without and with a timeout signal) and
// undici.request. In memory: the same clients over a fetch that answers at once, so the few
// microseconds our layer adds are not lost in the network's noise. Both in interleaved rounds,
// so drift hits every variant alike.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createCallControlClient } from '@call-control/client';
import createClient from 'openapi-fetch';
import { Pool } from 'undici';
import { freePort, startProcess } from './processes.mjs';
import { median } from './statistics.mjs';

const AUTH = { 'X-App-ID': 'bench-app', 'X-API-Key': 'bench-key' };
const BODY = { cause: 'USER_BUSY' };
const HANGUP = '/api/v1/sessions/{uuid}/commands/hangup';

/** Runs each variant `calls` times in `rounds` rotating rounds; the median round's µs per call. */
async function interleaved(variants, { calls, rounds, log }) {
  const names = Object.keys(variants);
  const roundMeans = Object.fromEntries(names.map((name) => [name, []]));
  for (const name of names) for (let i = 0; i < 500; i++) await variants[name](); // warm up
  const perRound = Math.ceil(calls / rounds);
  for (let round = 0; round < rounds; round++) {
    for (const name of [...names.slice(round % names.length), ...names.slice(0, round % names.length)]) {
      const started = performance.now();
      for (let i = 0; i < perRound; i++) await variants[name]();
      roundMeans[name].push(((performance.now() - started) / perRound) * 1000);
    }
  }
  // The median round: a shared VM's stalls land in a few rounds and would skew a plain mean.
  const results = names.map((name) => ({
    variant: name,
    calls: perRound * rounds,
    meanUs: +median(roundMeans[name]).toFixed(1),
  }));
  for (const { variant, meanUs } of results) log(`  ${variant}: ${meanUs} µs per call`);
  return results;
}

export async function measureClientOverhead({ calls, rounds = 20, log }) {
  const port = await freePort();
  const server = await startProcess(
    'bare node:http',
    process.execPath,
    [fileURLToPath(new URL('./bare-server.mjs', import.meta.url)), String(port)],
    port,
  );
  const baseUrl = server.url;
  const pool = new Pool(baseUrl, { connections: 1 });
  const ours = createCallControlClient({ baseUrl, appId: AUTH['X-App-ID'], apiKey: AUTH['X-API-Key'] });
  const plain = createClient({ baseUrl, headers: AUTH });
  const path = () => `/api/v1/sessions/${randomUUID()}/commands/hangup`;

  try {
    return await interleaved(
      {
        'raw fetch': async () => {
          const response = await fetch(`${baseUrl}${path()}`, {
            method: 'POST',
            headers: { ...AUTH, 'content-type': 'application/json' },
            body: JSON.stringify(BODY),
          });
          await response.json();
        },
        'our client': async () => {
          await ours.hangup(randomUUID(), BODY);
        },
        'openapi-fetch': async () => {
          await plain.POST(HANGUP, { params: { path: { uuid: randomUUID() } }, body: BODY });
        },
        // What a plain openapi-fetch user writes to get a timeout. Handing a signal to undici's
        // Request costs on its own, so this row separates the price of any timeout from what
        // our layer adds on top.
        'openapi-fetch + timeout': async () => {
          await plain.POST(HANGUP, {
            params: { path: { uuid: randomUUID() } },
            body: BODY,
            signal: AbortSignal.timeout(30_000),
          });
        },
        'undici.request': async () => {
          const { body } = await pool.request({
            path: path(),
            method: 'POST',
            headers: { ...AUTH, 'content-type': 'application/json' },
            body: JSON.stringify(BODY),
          });
          await body.json();
        },
      },
      { calls, rounds, log },
    );
  } finally {
    await pool.close();
    await server.stop();
  }
}

export function measureClientLayer({ calls, rounds = 20, log }) {
  const answer = JSON.stringify({ operation_id: randomUUID(), status: 'in_progress', timeout_ms: 5000 });
  // Reads the request as a server would, and answers the 202 without a network in between.
  const inMemoryFetch = async (request) => {
    await request.text();
    return new Response(answer, { status: 202, headers: { 'content-type': 'application/json' } });
  };
  const baseUrl = 'http://gateway.invalid';
  const ours = createCallControlClient({
    baseUrl,
    appId: AUTH['X-App-ID'],
    apiKey: AUTH['X-API-Key'],
    fetch: inMemoryFetch,
  });
  const plain = createClient({ baseUrl, headers: AUTH, fetch: inMemoryFetch });
  return interleaved(
    {
      'our client': async () => {
        await ours.hangup(randomUUID(), BODY);
      },
      'openapi-fetch': async () => {
        await plain.POST(HANGUP, { params: { path: { uuid: randomUUID() } }, body: BODY });
      },
      // The same work our client does, written by hand around plain openapi-fetch: a
      // command_uid and a timeout cleared when the call ends. What is left is our layer.
      'openapi-fetch + timeout + command_uid': async () => {
        const timeout = new AbortController();
        const timer = setTimeout(() => timeout.abort(), 30_000);
        try {
          await plain.POST(HANGUP, {
            params: { path: { uuid: randomUUID() } },
            body: { ...BODY, command_uid: randomUUID() },
            signal: timeout.signal,
          });
        } finally {
          clearTimeout(timer);
        }
      },
    },
    { calls, rounds, log },
  );
}
