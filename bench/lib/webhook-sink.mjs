// A webhook receiver that answers 204 to everything (so every command's webhooks are really
// sent and acknowledged), and counts what it got. Prints the count on SIGTERM.
import { createServer } from 'node:http';

const port = Number(process.argv[2]);
let received = 0;
createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    received += 1;
    res.writeHead(204).end();
  });
}).listen(port, '127.0.0.1');
process.on('SIGTERM', () => {
  // Exit once the count is written: stdout to a pipe is asynchronous.
  process.stdout.write(`received ${received}\n`, () => process.exit(0));
});
