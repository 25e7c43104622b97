// The ceiling on this machine: a bare node:http server that reads and parses the body and
// answers the same 202 JSON as the gateway — no routing, validation, state or webhooks.
import { createServer } from 'node:http';

const port = Number(process.argv[2]);
const accepted = JSON.stringify({
  operation_id: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890',
  status: 'in_progress',
  timeout_ms: 2000,
});
createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    try {
      JSON.parse(Buffer.concat(chunks).toString() || '{}');
    } catch {}
    res
      .writeHead(202, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(accepted) })
      .end(accepted);
  });
}).listen(port, '127.0.0.1');
