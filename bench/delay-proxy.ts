/**
 * A TCP proxy that delays every chunk, each way, by DELAY_MS (fractions allowed): a network hop such as an
 * in-VPC RDS Proxy between Lambda and the database. Node timers round sub-millisecond delays up, so chunks
 * wait in a queue that one pump releases on time (it spins only while something is waiting). Its own process,
 * so its CPU never counts as the load generator's. Prints `delay proxy ready at <port>`.
 */
import { createServer, connect, type Socket } from 'node:net';

const target = { host: process.env.TARGET_HOST ?? '127.0.0.1', port: Number(process.env.TARGET_PORT) };
const delayNs = BigInt(Math.round(Number(process.env.DELAY_MS ?? '1') * 1e6));

interface Pending {
  due: bigint;
  to: Socket;
  chunk: Buffer;
}
const pending: Pending[] = [];
let pumping = false;

function pump(): void {
  const now = process.hrtime.bigint();
  while (pending.length > 0 && pending[0]!.due <= now) {
    const { to, chunk } = pending.shift()!;
    if (!to.destroyed) to.write(chunk);
  }
  if (pending.length === 0) {
    pumping = false;
    return;
  }
  const wait = Number(pending[0]!.due - now) / 1e6;
  // Whole milliseconds by timer, the rest by checking each turn of the event loop.
  if (wait >= 2) setTimeout(pump, Math.floor(wait) - 1);
  else setImmediate(pump);
}

function forward(from: Socket, to: Socket): void {
  from.on('data', (chunk) => {
    pending.push({ due: process.hrtime.bigint() + delayNs, to, chunk });
    if (!pumping) {
      pumping = true;
      setImmediate(pump);
    }
  });
  from.on('close', () => to.destroy());
  from.on('error', () => to.destroy());
}

const server = createServer((client) => {
  client.setNoDelay(true);
  const upstream = connect(target, () => upstream.setNoDelay(true));
  forward(client, upstream);
  forward(upstream, client);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') process.stdout.write(`delay proxy ready at ${address.port}\n`);
});
