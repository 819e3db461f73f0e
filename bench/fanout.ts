import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { freshMysql } from '../test/support/databases';
import { freshDynamo } from '../test/support/dynalite';
import { freshRedis } from '../test/support/redis';
import { gql, ownerSession } from './lib/owner';
import { cpuMeter, processTree } from './lib/cpu';
import { health, runProcess, startServer, type Child } from './lib/processes';
import { percentile, sleep } from './lib/stats';

/** Events per configuration: enough for a p99 over many of them. */
export const EVENTS = 200;
const SUBSCRIPTION =
  'subscription Q($q: ID!) { onQueueEvent(queueId: $q) { queueId version kind ticketNumber waitingCount nowServing at } }';

export interface FanoutResult {
  n: number;
  mode: string;
  processes: number;
  /** Microseconds from the change's request to each subscriber's receipt. */
  p50: number;
  p99: number;
  max: number;
  delivered: number;
  expected: number;
  /** Subscribers' receipts beyond the first of an event. */
  duplicates: number;
  bytesPerMessage: number;
  /** Server CPU (every serving process) per delivered message, microseconds. */
  cpuPerDeliveryUs: number;
  memoryPerSubscriberBytes?: number;
  /** Messages each subscriber received per change (1 when every change is published once). */
  messagesPerChange: number;
}

/** N sockets; receipt times per event, indexed by (event version - first version). */
class Subscribers {
  readonly sockets: WebSocket[] = [];
  readonly receipts: Float64Array[] = Array.from({ length: EVENTS }, () => new Float64Array(0));
  bytes = 0;
  messages = 0;
  duplicates = 0;
  constructor(readonly firstVersion: number) {}

  prepare(n: number): void {
    for (let i = 0; i < EVENTS; i += 1) this.receipts[i] = new Float64Array(n);
  }

  async connect(
    urls: string[],
    n: number,
    subscribe: ((ws: WebSocket) => Promise<void>) | undefined,
  ): Promise<void> {
    this.prepare(n);
    let next = 0;
    const worker = async () => {
      while (next < n) {
        const index = next;
        next += 1;
        const url = urls[index % urls.length]!;
        const ws = await openRealtimeSocket(url);
        ws.on('message', (raw: Buffer) => {
          const text = raw.toString();
          const match = /"version":(\d+)/.exec(text);
          if (!match || !text.includes('"type":"data"')) return;
          const slot = Number(match[1]) - this.firstVersion;
          if (slot < 0 || slot >= EVENTS) return;
          if (this.receipts[slot]![index]! > 0) this.duplicates += 1;
          else this.receipts[slot]![index] = performance.now();
          this.bytes += raw.length;
          this.messages += 1;
        });
        if (subscribe) await subscribe(ws);
        this.sockets[index] = ws;
      }
    };
    await Promise.all(Array.from({ length: 100 }, worker));
  }

  /** Waits until every subscriber has the event; false (said loudly) when some never get it. */
  async waitFor(slot: number, n: number, timeoutMs = 15_000): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    const times = this.receipts[slot]!;
    let done = 0;
    while (performance.now() < deadline) {
      done = 0;
      for (let i = 0; i < n; i += 1) if (times[i]! > 0) done += 1;
      if (done === n) return true;
      await sleep(1);
    }
    process.stderr.write(
      `fan-out: event ${slot + 1} reached ${done} of ${n} subscribers in ${timeoutMs} ms\n`,
    );
    return false;
  }

  close(): void {
    for (const ws of this.sockets) ws?.terminate();
  }
}

/** A public AppSync real-time connection to the server at `url` (not yet initialised). */
export async function openRealtimeSocket(url: string): Promise<WebSocket> {
  const header = Buffer.from(JSON.stringify({ Authorization: 'Public', host: new URL(url).host })).toString(
    'base64url',
  );
  const ws = new WebSocket(
    `${url.replace('http', 'ws')}/graphql/realtime`,
    ['graphql-ws', `header-${header}`],
    {
      perMessageDeflate: false,
    },
  );
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return ws;
}

/** Initialises the connection and subscribes it to the queue's events, as the apps do. */
export function protocolSubscribe(queueId: string) {
  return (ws: WebSocket) =>
    new Promise<void>((resolve, reject) => {
      const onMessage = (raw: Buffer) => {
        const message = JSON.parse(raw.toString()) as { type: string };
        if (message.type === 'connection_ack')
          ws.send(
            JSON.stringify({
              id: 's',
              type: 'start',
              payload: {
                data: JSON.stringify({ query: SUBSCRIPTION, variables: { q: queueId } }),
                extensions: { authorization: { Authorization: 'Public', host: 'localhost' } },
              },
            }),
          );
        else if (message.type === 'start_ack') {
          ws.off('message', onMessage);
          resolve();
        } else if (message.type === 'error' || message.type === 'connection_error')
          reject(new Error(JSON.stringify(message)));
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ type: 'connection_init' }));
    });
}

function summarise(
  subscribers: Subscribers,
  starts: number[],
  n: number,
  mode: string,
  processes: number,
  cpuSeconds: number,
): FanoutResult {
  const latencies: number[] = [];
  let delivered = 0;
  for (let slot = 0; slot < EVENTS; slot += 1) {
    const times = subscribers.receipts[slot]!;
    for (let i = 0; i < n; i += 1) {
      if (times[i]! > 0) {
        delivered += 1;
        latencies.push((times[i]! - starts[slot]!) * 1000);
      }
    }
  }
  return {
    n,
    mode,
    processes,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.reduce((a, b) => Math.max(a, b), 0),
    delivered,
    expected: n * EVENTS,
    duplicates: subscribers.duplicates,
    bytesPerMessage: subscribers.messages ? subscribers.bytes / subscribers.messages : 0,
    cpuPerDeliveryUs: delivered ? (cpuSeconds * 1e6) / delivered : Number.NaN,
    messagesPerChange: subscribers.messages / (n * EVENTS),
  };
}

/**
 * Baseline: bare ws servers (as many processes as the configuration it is compared with) broadcasting a message
 * of the same size to the same N sockets, spread over them the same way.
 */
export async function fanoutBaseline(
  n: number,
  messageBytes: number,
  processes: number,
): Promise<FanoutResult> {
  const servers = await Promise.all(
    Array.from({ length: processes }, () =>
      runProcess('bench/baseline-ws.ts', {}, /baseline ws ready at (http:\/\/\S+)/),
    ),
  );
  const subscribers = new Subscribers(1);
  try {
    await subscribers.connect(
      servers.map((s) => s.url),
      n,
      undefined,
    );
    const meter = cpuMeter(servers.flatMap((s) => processTree(s.child.pid!)));
    const starts: number[] = [];
    for (let slot = 0; slot < EVENTS; slot += 1) {
      const head = `{"id":"s","type":"data","payload":{"data":{"onQueueEvent":{"version":${slot + 1},"pad":"`;
      const payload = `${head}${'x'.repeat(Math.max(0, Math.round(messageBytes) - head.length - 5))}"}}}}`;
      starts[slot] = performance.now();
      await Promise.all(servers.map((s) => fetch(`${s.url}/broadcast`, { method: 'POST', body: payload })));
      await subscribers.waitFor(slot, n);
    }
    const label = `bare ws broadcast, ${processes} process${processes > 1 ? 'es' : ''}`;
    return summarise(subscribers, starts, n, label, processes, meter.stop());
  } finally {
    subscribers.close();
    for (const server of servers) await server.stop();
  }
}

/** N AppSync real-time subscribers on one queue; 20 callNext one after another. */
export async function fanoutServer(n: number, mode: 'embedded' | 'redis'): Promise<FanoutResult> {
  const cleanups: (() => Promise<unknown>)[] = [];
  const servers: Child[] = [];
  const subscribers = new Subscribers(3 + EVENTS);
  try {
    const dataDir = `/tmp/qm-bench-${randomBytes(4).toString('hex')}`;
    if (mode === 'embedded') servers.push(await startServer({ DATA_DIR: dataDir }));
    else {
      const [sql, redis, dynamo] = await Promise.all([freshMysql(), freshRedis(), freshDynamo()]);
      cleanups.push(
        () => sql.cleanup(),
        () => redis.cleanup(),
        () => dynamo.cleanup(),
      );
      const env = {
        MYSQL_URL: sql.location,
        REDIS_URL: redis.url,
        REDIS_PREFIX: redis.prefix,
        DYNAMODB_ENDPOINT: dynamo.endpoint,
        ACCOUNTS_TABLE: dynamo.table,
      };
      servers.push(
        ...(await Promise.all([
          startServer({ ...env, DATA_DIR: `${dataDir}-a` }),
          startServer({ ...env, DATA_DIR: `${dataDir}-b` }),
        ])),
      );
    }
    const [a] = servers;
    const owner = await ownerSession(a!.url);
    const queue = (
      await gql(
        a!.url,
        'mutation { createQueue(input: {name: "Fan-out", serveOnNext: false}) { id version } }',
        {},
        owner,
      )
    ).createQueue;
    for (let i = 0; i < EVENTS + 1; i += 1)
      await gql(
        a!.url,
        `mutation { addTicket(queueId: "${queue.id}", input: {name: "P${i}"}) { ticket { number } } }`,
        {},
        owner,
      );
    // Versions: 1 at creation, + EVENTS + 1 joins; the calls follow, one event each (calls here do not serve the
    // one called before).
    const before = await Promise.all(servers.map((s) => health(s.url)));
    await subscribers.connect(
      servers.map((s) => s.url),
      n,
      protocolSubscribe(queue.id),
    );
    await sleep(500);
    const after = await Promise.all(servers.map((s) => health(s.url)));
    const meter = cpuMeter(servers.flatMap((s) => processTree(s.child.pid!)));
    const starts: number[] = [];
    for (let slot = 0; slot < EVENTS; slot += 1) {
      starts[slot] = performance.now();
      await gql(a!.url, `mutation { callNext(queueId: "${queue.id}") { number } }`, {}, owner);
      await subscribers.waitFor(slot, n);
    }
    const result = summarise(
      subscribers,
      starts,
      n,
      mode === 'embedded' ? 'embedded, 1 process' : 'Redis, 2 processes',
      servers.length,
      meter.stop(),
    );
    result.memoryPerSubscriberBytes = after.reduce((sum, h, i) => sum + h.rss - before[i]!.rss, 0) / n;
    return result;
  } finally {
    subscribers.close();
    for (const server of servers) await server.stop();
    for (const cleanup of cleanups) await cleanup();
  }
}
