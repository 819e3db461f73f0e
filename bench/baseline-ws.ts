/**
 * Fan-out baseline: a bare `ws` server that broadcasts one payload to every connected socket when told to
 * (POST /broadcast). Run as its own process by the fan-out benchmark.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

const server = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/broadcast') return void res.writeHead(404).end();
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    for (const client of wss.clients) client.send(body);
    res.writeHead(200).end(String(wss.clients.size));
  });
});
const wss = new WebSocketServer({
  server,
  path: '/graphql/realtime',
  perMessageDeflate: false,
  handleProtocols: (p) => (p.has('graphql-ws') ? 'graphql-ws' : false),
});
server.listen(0, '127.0.0.1', () =>
  process.stdout.write(`baseline ws ready at http://127.0.0.1:${(server.address() as AddressInfo).port}\n`),
);
process.on('SIGTERM', () => process.exit(0));
