import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
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
import { cpuMeter, mariadbPid, processTree, redisPid } from './lib/cpu';
import { runProcess, startServer, type Child } from './lib/processes';
import { shuffled } from './lib/stats';
import { tokenOf } from './lib/tokens';

/** Concurrent connections of the read load generator. */
export const READ_CONNECTIONS = 16;

export type ReadSide = 'server' | 'direct' | 'yoga';

export interface ReadResult {
  stores: string;
  side: ReadSide;
  waiting: number;
  requestsPerSecond: number;
  p50Us: number;
  p99Us: number;
  /** Answers that were not a 200 with the ticket at its own position (GraphQL errors included). */
  errors: number;
  distinctTokens: number;
  /** CPU per read of the answering process (and its children), and of MariaDB + Redis, in microseconds. */
  cpuUs: number;
  storesCpuUs: number | undefined;
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
            language: 'en',
            almostAt: null,
            counter: null,
            partySize: 1,
            place: i + 1,
            snoozes: 0,
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

/** One load run from a process of its own, against `url`; CPU of `pids` metered around it. */
function load(
  url: string,
  env: Record<string, string>,
  durationS: number,
  pids: number[],
): Promise<{
  requests: number;
  seconds: number;
  errors: number;
  distinctTokens: number;
  p50: number;
  p99: number;
  cpu: number[];
}> {
  const meters = pids.map((pid) => cpuMeter([pid]));
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url).pathname, 'bench/read-load.ts'],
      {
        cwd: new URL('../', import.meta.url).pathname,
        env: {
          ...process.env,
          URL: url,
          CONNECTIONS: String(READ_CONNECTIONS),
          DURATION_S: String(durationS),
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('close', (code) => {
      const cpu = meters.map((m) => m.stop());
      if (code !== 0) return reject(new Error(`read load failed: ${err}`));
      resolve({ ...JSON.parse(out.trim().split('\n').at(-1)!), cpu });
    });
  });
}

async function measure(
  process: Child,
  side: ReadSide,
  stores: string,
  queue: { id: string; size: number } | undefined,
  durationS: number,
): Promise<ReadResult> {
  const env: Record<string, string> = queue ? { QUEUE_ID: queue.id, SIZE: String(queue.size) } : {};
  // Warm-up, not counted: JIT, pools, the position index of this queue.
  await load(process.url, env, Math.max(2, durationS / 4), []);
  const services =
    stores === 'MariaDB + Redis' ? [mariadbPid(), redisPid()].filter((p) => p !== undefined) : [];
  const tree = processTree(process.child.pid!);
  // At the large sizes, enough reads that at least ~100,000 distinct tickets are read.
  const minimum: Record<string, string> = queue && queue.size >= 1_000_000 ? { MIN_REQUESTS: '110000' } : {};
  const run = await load(process.url, { ...env, ...minimum }, durationS, [...tree, ...services]);
  const own = run.cpu.slice(0, tree.length).reduce((a, b) => a + b, 0);
  const storesCpu = run.cpu.slice(tree.length).reduce((a, b) => a + b, 0);
  return {
    stores,
    side,
    waiting: queue?.size ?? 0,
    requestsPerSecond: run.requests / run.seconds,
    p50Us: run.p50,
    p99Us: run.p99,
    errors: run.errors,
    distinctTokens: run.distinctTokens,
    cpuUs: (own * 1e6) / run.requests,
    storesCpuUs: services.length ? (storesCpu * 1e6) / run.requests : undefined,
  };
}

export async function readBaseline(durationS: number): Promise<ReadResult> {
  const server = await runProcess('bench/baseline-yoga.ts', {}, /baseline yoga ready at (http:\/\/\S+)/);
  try {
    return await measure(server, 'yoga', 'none (a constant)', undefined, durationS);
  } finally {
    await server.stop();
  }
}

/**
 * ticket(token) on queues of each size, on SQLite + in-process index or MariaDB + Redis: the server and the
 * direct baseline on the same stores, each size in random order on a fresh process of each.
 */
export async function readServer(
  mode: 'sqlite' | 'mariadb',
  sizes: number[],
  durationS: number,
  log: (line: string) => void,
): Promise<ReadResult[]> {
  const dataDir = `/tmp/qm-bench-reads-${randomBytes(4).toString('hex')}`;
  const dbName = `qm_bench_${randomBytes(4).toString('hex')}`;
  const location = mode === 'sqlite' ? join(dataDir, 'queue-manager.sqlite') : `${TEST_MYSQL_URL}/${dbName}`;
  const stores = mode === 'sqlite' ? 'SQLite + in-process index' : 'MariaDB + Redis';
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
    const queues: { id: string; size: number }[] = [];
    for (const size of sizes) {
      const started = performance.now();
      queues.push({ id: (await loadQueue(store, size)).id, size });
      log(
        `  loaded ${size.toLocaleString('en-US')} waiting into ${mode} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    }
    const env = {
      DATA_DIR: dataDir,
      ...(mode === 'mariadb'
        ? { MYSQL_URL: location, REDIS_URL: redis!.url, REDIS_PREFIX: redis!.prefix }
        : {}),
    };
    const results: ReadResult[] = [];
    for (const queue of shuffled(queues))
      for (const side of shuffled(['server', 'direct'] as const)) {
        log(`  ${mode}, ${queue.size.toLocaleString('en-US')} waiting, ${side}…`);
        const process =
          side === 'server'
            ? await startServer(env)
            : await runProcess('bench/baseline-direct.ts', env, /baseline direct ready at (http:\/\/\S+)/);
        try {
          results.push(await measure(process, side, stores, queue, durationS));
        } finally {
          await process.stop();
        }
      }
    return results;
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
