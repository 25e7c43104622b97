import { createServer } from 'node:http';
import { startMockGateway } from '@call-control/mock-gateway';
const got = [];
const srv = createServer((req, res) => {
  let b = '';
  req.on('data', (c) => (b += c));
  req.on('end', () => {
    got.push(JSON.parse(b));
    res.writeHead(204).end();
  });
});
await new Promise((r) => srv.listen(0, '127.0.0.1', r));
const gw = await startMockGateway({ port: 0, webhookUrl: `http://127.0.0.1:${srv.address().port}/`, quiet: true });
const H = { 'x-app-id': 'a', 'x-api-key': 'k', 'content-type': 'application/json' };
for (const delay of [0, 2, 5, 10, 15, 19, 25, 40]) {
  const s = (await (await fetch(gw.url + '/__mock/sessions', { method: 'POST' })).json()).uuid;
  const a = await fetch(`${gw.url}/api/v1/sessions/${s}/commands/answer`, { method: 'POST', headers: H, body: '{}' });
  if (delay) await new Promise((r) => setTimeout(r, delay));
  const h = await fetch(`${gw.url}/__mock/sessions/${s}/remote-hangup`, { method: 'POST' });
  await new Promise((r) => setTimeout(r, 300));
  const ev = got.filter((e) => e.data.session_uuid === s);
  console.log(
    delay,
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
await gw.close();
srv.close();
