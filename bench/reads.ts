import autocannon from 'autocannon';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { join } from 'node:path';
import { paceSlots } from '../resolvers/domain/estimates';
import type { Queue, Ticket } from '../resolvers/domain/model';
import { hashToken } from '../resolvers/domain/secrets';
import { openSqlDatabase } from '../resolvers/stores/sql/database';
import { migrateToLatest } from '../resolvers/stores/sql/migrate';
import { SqlQueueStore } from '../resolvers/stores/sql/queue-store';
import { TEST_MYSQL_URL } from '../test/support/services';
import { aQueue } from '../test/support/fixtures';
import { freshRedis } from '../test/support/redis';
import { runProcess, startServer } from './lib/processes';

const READ = 'query T($t: String!) { ticket(token: $t) { position version } }';
const DURATION_S = 8;
const CONNECTIONS = 16;

/** Ticket i's token: deterministic, so any ticket of a million can be read without keeping a million tokens. */
const tokenOf = (queueId: string, i: number) =>
  createHash('sha256').update(`bench:${queueId}:${i}`).digest('base64url');

export interface ReadResult {
  label: string;
  waiting: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

/** Loads a queue of `size` waiting tickets through the SQL store, in batched transactions. */
async function loadQueue(store: SqlQueueStore, size: number): Promise<Queue> {
  const at = Date.now();
  const queue: Queue = aQueue({
    name: `Read bench ${size}`,
    selfJoin: false,
    createdAt: at,
    updatedAt: at,
  });
  await store.insertQueue(queue);
  for (let start = 0; start < size; start += 50_000) {
    const end = Math.min(size, start + 50_000);
    await store.inQueueTransaction(queue.id, async (tx) => {
      const batch: { ticket: Ticket; tokenHash: string }[] = [];
      for (let i = start; i < end; i += 1)
        batch.push({
          ticket: {
            id: randomUUID(),
            queueId: queue.id,
            number: i + 1,
            name: `P${i + 1}`,
            email: null,
            phone: null,
            status: 'WAITING',
            source: 'STAFF',
            joinedAt: at,
            calledAt: null,
            finishedAt: null,
            quote: null,
          },
          tokenHash: hashToken(tokenOf(queue.id, i)),
        });
      await tx.insertTickets(batch);
      // A queue with call history, so every read computes its estimate as a busy queue's would.
      if (start === 0)
        for (const slot of paceSlots(at))
          await tx.savePace(
            slot,
            Array.from({ length: 10 }, (_, k) => [at - k * 60_000, 60_000] as const),
          );
      await tx.updateQueue({ nextNumber: end + 1, waitingCount: end, version: 1 + end });
    });
  }
  return queue;
}

async function cannon(url: string, tokens: string[]): Promise<Omit<ReadResult, 'label' | 'waiting'>> {
  let next = 0;
  const result = await autocannon({
    url: `${url}/graphql`,
    method: 'POST',
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers: { 'content-type': 'application/json', authorization: 'Public' },
    requests: [
      {
        setupRequest: (req) => ({
          ...req,
          body: JSON.stringify({ query: READ, variables: { t: tokens[(next += 1) % tokens.length] } }),
        }),
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

/** Samples spread over the queue, checked for the right position before the load. */
async function sampled(url: string, queue: Queue, size: number): Promise<string[]> {
  const picks = Array.from({ length: Math.min(size, 1000) }, (_, k) =>
    Math.floor((k * size) / Math.min(size, 1000)),
  );
  for (const i of [picks[0]!, picks[Math.floor(picks.length / 2)]!, picks.at(-1)!]) {
    const answer = (await (
      await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Public' },
        body: JSON.stringify({ query: READ, variables: { t: tokenOf(queue.id, i) } }),
      })
    ).json()) as { data: { ticket: { position: number } } };
    if (answer.data.ticket.position !== i + 1)
      throw new Error(`ticket ${i + 1} of ${size} read position ${answer.data.ticket.position}`);
  }
  return picks.map((i) => tokenOf(queue.id, i));
}

export async function readBaseline(): Promise<ReadResult> {
  const server = await runProcess('bench/baseline-yoga.ts', {}, /baseline yoga ready at (http:\/\/\S+)/);
  try {
    return {
      label: 'bare graphql-yoga, constant',
      waiting: 0,
      ...(await cannon(server.url, ['A'.repeat(43)])),
    };
  } finally {
    await server.stop();
  }
}

/** ticket(token) throughput and latency on queues of each size, on SQLite + in-process index or MariaDB + Redis. */
export async function readServer(
  mode: 'sqlite' | 'mariadb',
  sizes: number[],
  log: (line: string) => void,
): Promise<ReadResult[]> {
  const dataDir = `/tmp/qm-bench-reads-${randomBytes(4).toString('hex')}`;
  const dbName = `qm_bench_${randomBytes(4).toString('hex')}`;
  const location = mode === 'sqlite' ? join(dataDir, 'queue-manager.sqlite') : `${TEST_MYSQL_URL}/${dbName}`;
  const redis = mode === 'mariadb' ? await freshRedis() : undefined;
  if (mode === 'mariadb') {
    const admin = await createConnection({ uri: TEST_MYSQL_URL });
    await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4`);
    await admin.end();
  }
  const sql = openSqlDatabase(location);
  try {
    await migrateToLatest(sql);
    const store = new SqlQueueStore(sql);
    const queues: Queue[] = [];
    for (const size of sizes) {
      const started = performance.now();
      queues.push(await loadQueue(store, size));
      log(
        `  loaded ${size.toLocaleString('en-US')} waiting into ${mode} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    }
    const server = await startServer({
      DATA_DIR: dataDir,
      ...(mode === 'mariadb'
        ? { MYSQL_URL: location, REDIS_URL: redis!.url, REDIS_PREFIX: redis!.prefix }
        : {}),
    });
    try {
      const results: ReadResult[] = [];
      for (const [k, queue] of queues.entries()) {
        const warm = performance.now();
        const tokens = await sampled(server.url, queue, sizes[k]!);
        log(
          `  ${mode} ${sizes[k]!.toLocaleString('en-US')}: index warm and positions checked in ${((performance.now() - warm) / 1000).toFixed(1)} s`,
        );
        results.push({
          label: mode === 'sqlite' ? 'SQLite + in-process index' : 'MariaDB + Redis',
          waiting: sizes[k]!,
          ...(await cannon(server.url, tokens)),
        });
      }
      return results;
    } finally {
      await server.stop();
    }
  } finally {
    await sql.destroy();
    await redis?.cleanup();
    if (mode === 'mariadb') {
      const admin = await createConnection({ uri: TEST_MYSQL_URL });
      await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
      await admin.end();
    }
  }
}
