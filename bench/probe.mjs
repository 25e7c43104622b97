import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
const sink = createServer((req, res) => { req.resume(); req.on('end', () => res.writeHead(204).end()); });
await new Promise(r => sink.listen(0, '127.0.0.1', r));
const sinkUrl = `http://127.0.0.1:${sink.address().port}/hooks`;
function start(cmd, args, ready) {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve) => { const on = (c) => { out += c; const m = ready.exec(out); if (m) resolve({ child, url: m[1] }); }; child.stdout.on('data', on); child.stderr.on('data', on); });
}
async function load(url, seconds = 5) {
  const r = await autocannon({ url, connections: 10, duration: seconds, requests: [{ method: 'POST', headers: { 'content-type': 'application/json', 'x-app-id': 'a', 'x-api-key': 'k' }, body: '{"cause":"USER_BUSY"}', setupRequest(req) { req.path = `/api/v1/sessions/${randomUUID()}/commands/hangup`; return req; } }] });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}
const which = process.argv[2];
if (which === 'mock') {
  const m = await start('node', ['../apps/mock-gateway/dist/cli.js', '--port', '0', '--quiet', '--webhook-url', sinkUrl], /listening on (\S+)/);
  console.log('mock', await load(m.url)); m.child.kill();
} else {
  const p = await start('node_modules/.bin/prism', ['mock', '../spec/dist/openapi.json', '-p', '4321', '-h', '127.0.0.1', ...(which === 'silent' ? ['-v', 'silent'] : [])], /(http:\/\/127\.0\.0\.1:4321)/);
  await new Promise(r => setTimeout(r, 500));
  console.log(which, await load('http://127.0.0.1:4321')); p.child.kill();
}
sink.close();
