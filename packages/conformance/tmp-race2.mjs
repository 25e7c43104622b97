import { createServer } from 'node:http';
import { spawn } from 'node:child_process';
const got = [];
const srv = createServer((req, res) => {
  let b = '';
  req.on('data', (c) => (b += c));
  req.on('end', () => {
    got.push(JSON.parse(b));
    res.writeHead(204).end();
  });
});
await new Promise((r) => srv.listen(4711, '127.0.0.1', r));
const m = spawn(
  process.execPath,
  [
    '../../apps/mock-gateway/bin/call-control-mock.js',
    '--port',
    '4710',
    '--webhook-url',
    'http://127.0.0.1:4711/',
    '--quiet',
  ],
  { stdio: 'ignore' },
);
await new Promise((r) => setTimeout(r, 1500));
const url = 'http://127.0.0.1:4710';
const H = { 'x-app-id': 'a', 'x-api-key': 'k', 'content-type': 'application/json' };
for (const delay of [0, 2, 5, 10, 15, 0, 2, 5, 10]) {
  const s = (await (await fetch(url + '/__mock/sessions', { method: 'POST' })).json()).uuid;
  const t0 = performance.now();
  const a = await fetch(`${url}/api/v1/sessions/${s}/commands/answer`, { method: 'POST', headers: H, body: '{}' });
  const t1 = performance.now();
  if (delay) await new Promise((r) => setTimeout(r, delay));
  const h = await fetch(`${url}/__mock/sessions/${s}/remote-hangup`, { method: 'POST' });
  const t2 = performance.now();
  await new Promise((r) => setTimeout(r, 300));
  const ev = got.filter((e) => e.data.session_uuid === s);
  console.log(
    delay,
    (t1 - t0).toFixed(1),
    (t2 - t1).toFixed(1),
    a.status,
    h.status,
    ev
      .map(
        (e) =>
          `${e.type}@${e.timestamp.slice(17)} ans=${e.data.answer_time?.slice(17)} end=${e.data.end_time?.slice(17)}`,
      )
      .join(' | '),
  );
}
m.kill();
srv.close();
