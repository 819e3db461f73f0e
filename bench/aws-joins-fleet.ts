/**
 * The AWS topology's joins, in a process of its own: every join is its own invocation, as each Lambda
 * invocation carries one request, so nothing batches joins across callers (a fresh GroupCommit per call).
 * CALLERS invocations run at once and share CONNECTIONS database connections, as RDS Proxy multiplexes them,
 * reached through the delay proxy at MYSQL_URL. The position index is Redis; events are recorded at the
 * publisher. MODE=server runs the project's joinQueue; MODE=baseline runs single-row INSERT transactions on the
 * same connections. Prints one JSON line: the result.
 */
import { createPool } from 'mysql2/promise';
import type { Deps } from '../resolvers/domain/deps';
import { GroupCommit } from '../resolvers/domain/issue';
import type { QueueEvent } from '../resolvers/domain/model';
import { joinQueue } from '../resolvers/domain/tickets';
import { resolverDeps } from '../resolvers/handlers/composition';
import { connectRedis, RedisPositionIndex } from '../resolvers/stores/positions/redis';
import { openSqlDatabase } from '../resolvers/stores/sql/database';
import { sessionKey } from '../resolvers/domain/sessions';
import { freshDynamo } from '../test/support/dynalite';
import { burst, insertTransaction } from './lib/burst';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const MODE = env('MODE');
const CALLERS = Number(env('CALLERS'));
const CONNECTIONS = Number(env('CONNECTIONS'));
const JOINS = Number(env('JOINS'));
const WARM_UP = Number(env('WARM_UP'));

const silent = { debug() {}, info() {}, warn() {}, error() {} };

async function server(): Promise<unknown> {
  const sql = openSqlDatabase(env('MYSQL_URL'), { poolSize: CONNECTIONS });
  const redis = connectRedis(env('REDIS_URL'));
  const dynamo = await freshDynamo();
  const events: { event: QueueEvent; at: number }[] = [];
  const base: Deps = resolverDeps({
    sql,
    positions: new RedisPositionIndex(redis, `${env('REDIS_PREFIX')}:`),
    dynamo: dynamo.client,
    accountsTable: dynamo.table,
    jobs: { enqueue: async () => undefined },
    events: { publish: async (event) => void events.push({ event, at: performance.now() }) },
    log: silent,
    sessionKey: sessionKey('bench-session-secret-that-is-long-enough-0123456789'),
    publicUrl: 'https://queues.example.com',
  });
  // One invocation: its own Deps, nothing shared with the others but the connection pool (RDS Proxy).
  const invoke = (queueId: string, i: number) =>
    joinQueue({ ...base, joins: new GroupCommit() }, queueId, { name: `Guest ${i}` }).then(() => undefined);
  const warm = await burst(WARM_UP, CALLERS, (i) => invoke(env('WARM_QUEUE_ID'), i));
  const cpu = process.cpuUsage();
  const timed = await burst(JOINS, CALLERS, (i) => invoke(env('QUEUE_ID'), i));
  const used = process.cpuUsage(cpu);
  const ours = events.filter((e) => e.event.queueId === env('QUEUE_ID'));
  const versions = ours.map((e) => e.event.version);
  const { outOfOrder, latestMs } = lateness(
    versions,
    ours.map((e) => e.at),
  );
  const published = new Set(versions);
  const everyVersionOnce =
    versions.length === JOINS &&
    published.size === JOINS &&
    [...published].every((v) => v >= 2 && v <= JOINS + 1);
  await sql.destroy();
  redis.disconnect();
  await dynamo.cleanup();
  return {
    ...timed,
    warmFailures: warm.failures,
    fleetCpuSeconds: (used.user + used.system) / 1e6,
    everyVersionOnce,
    outOfOrder,
    latestMs,
  };
}

/**
 * Versions published after a later one, and how late the latest of them was: the time from the first later
 * version's publish to its own (what a subscriber ordering by version would have to wait for it).
 */
function lateness(versions: number[], at: number[]): { outOfOrder: number; latestMs: number } {
  const highest: number[] = [];
  versions.forEach((v, i) => highest.push(Math.max(v, highest[i - 1] ?? -Infinity)));
  let outOfOrder = 0;
  let latestMs = 0;
  versions.forEach((v, i) => {
    if (i === 0 || highest[i - 1]! < v) return;
    outOfOrder += 1;
    // The first publish of a version above v: `highest` never decreases, so a binary search finds it.
    let lo = 0;
    let hi = i - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (highest[mid]! > v) hi = mid;
      else lo = mid + 1;
    }
    latestMs = Math.max(latestMs, at[i]! - at[lo]!);
  });
  return { outOfOrder, latestMs };
}

async function baseline(): Promise<unknown> {
  const pool = createPool({ uri: env('MYSQL_URL'), connectionLimit: CONNECTIONS });
  const insert = (i: number) => insertTransaction(pool, i);
  await burst(WARM_UP, CALLERS, insert);
  const cpu = process.cpuUsage();
  const timed = await burst(JOINS, CALLERS, insert);
  const used = process.cpuUsage(cpu);
  await pool.end();
  return { ...timed, fleetCpuSeconds: (used.user + used.system) / 1e6 };
}

(MODE === 'server' ? server() : baseline()).then(
  (result) => {
    // Exit once the line is written: a pipe takes it asynchronously.
    process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
  },
  (error: unknown) => {
    process.stderr.write(`fleet failed: ${String((error as Error)?.stack ?? error)}\n`);
    process.exit(1);
  },
);
