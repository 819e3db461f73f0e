import { spawn } from 'node:child_process';
import { createConnection } from 'mysql2/promise';
import { fileURLToPath } from 'node:url';
import { SqlQueueStore } from '../resolvers/stores/sql/queue-store';
import { freshMysql } from '../test/support/databases';
import { aQueue } from '../test/support/fixtures';
import { freshRedis } from '../test/support/redis';
import { cpuMeter, mariadbPid, processTree, redisPid } from './lib/cpu';
import { BASELINE_TABLE } from './lib/burst';
import { runProcess } from './lib/processes';
import { percentile } from './lib/stats';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** As the issue sets it: 200 concurrent invocations, RDS Proxy multiplexing them on at most 100 connections. */
export const CALLERS = 200;
export const CONNECTIONS = 100;

export interface AwsJoinResult {
  mode: 'server' | 'baseline';
  delayMs: number;
  joins: number;
  perSecond: number;
  p50Us: number;
  p99Us: number;
  failures: number;
  /** CPU per join of the invoking processes (the Lambda fleet) and of MariaDB, in microseconds. */
  fleetCpuUs: number;
  databaseCpuUs: number | undefined;
  /** CPU per join of the delay proxy (RDS Proxy's stand-in) and Redis, in microseconds. */
  proxyAndRedisCpuUs: number;
  /** Cores the burst kept busy: joins per second × CPU per join of every process above. */
  coresBusy: number;
  /** Statements MariaDB executed per join (SHOW GLOBAL STATUS Questions). */
  statementsPerJoin: number;
  /** Server mode: numbers exactly 1..joins, every version published once. */
  exact: boolean | undefined;
  outOfOrder: number | undefined;
  /** How late the latest out-of-order version was, after the first version above it (ms). */
  latestMs: number | undefined;
}

async function questions(location: string): Promise<number> {
  const connection = await createConnection({ uri: location });
  const [rows] = await connection.query("SHOW GLOBAL STATUS LIKE 'Questions'");
  await connection.end();
  return Number((rows as { Value: string }[])[0]!.Value);
}

function runFleet(env: Record<string, string>): Promise<{ pid: number; result: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        // BENCH_PROFILE=<dir>: a V8 CPU profile of each fleet run, for the causes in RESULTS.md.
        ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : []),
        // tsx as a loader in this process (its CLI would run the fleet in a child of its own).
        '--import',
        'tsx',
        'bench/aws-joins-fleet.ts',
      ],
      {
        cwd: ROOT,
        env: { ...process.env, LOG_LEVEL: 'ERROR', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('close', (code) =>
      code === 0
        ? resolve({ pid: child.pid!, result: JSON.parse(out.trim().split('\n').at(-1)!) })
        : reject(new Error(`fleet exited ${code}: ${err}`)),
    );
  });
}

/**
 * One burst of `joins` on one queue in the AWS topology (see aws-joins-fleet.ts), through a proxy adding
 * `delayMs` to every packet each way; or the baseline, single-row INSERT transactions on the same path.
 */
export async function awsJoinBurst(
  mode: 'server' | 'baseline',
  delayMs: number,
  joins: number,
  warmUp: number,
): Promise<AwsJoinResult> {
  const sql = await freshMysql();
  const redis = mode === 'server' ? await freshRedis() : undefined;
  const target = new URL(sql.location);
  const proxy = await runProcess(
    'bench/delay-proxy.ts',
    { TARGET_HOST: target.hostname, TARGET_PORT: target.port || '3306', DELAY_MS: String(delayMs) },
    /delay proxy ready at (\d+)/,
  );
  try {
    const proxied = new URL(sql.location);
    proxied.port = proxy.url;
    const env: Record<string, string> = {
      MODE: mode,
      CALLERS: String(CALLERS),
      CONNECTIONS: String(CONNECTIONS),
      JOINS: String(joins),
      WARM_UP: String(warmUp),
      MYSQL_URL: proxied.toString(),
    };
    const queue = aQueue({ selfJoin: true });
    if (mode === 'server') {
      const store = new SqlQueueStore(sql.sql);
      const warm = aQueue({ selfJoin: true });
      await store.insertQueue(warm);
      await store.insertQueue(queue);
      Object.assign(env, {
        QUEUE_ID: queue.id,
        WARM_QUEUE_ID: warm.id,
        REDIS_URL: redis!.url,
        REDIS_PREFIX: redis!.prefix,
      });
    } else {
      const connection = await createConnection({ uri: sql.location });
      await connection.query(BASELINE_TABLE);
      await connection.end();
    }
    const database = mariadbPid();
    const meter = database ? cpuMeter([database]) : undefined;
    const redisProcess = redisPid();
    const others = cpuMeter([...processTree(proxy.child.pid!), ...(redisProcess ? [redisProcess] : [])]);
    const before = await questions(sql.location);
    const { result } = await runFleet(env);
    const statements = (await questions(sql.location)) - before - 1;
    const databaseCpu = meter?.stop();
    const othersCpu = others.stop();
    const latencies = result.latencies as number[];
    let exact: boolean | undefined;
    if (mode === 'server') {
      const rows = await sql.sql.db
        .selectFrom('tickets')
        .select('number')
        .where('queue_id', '=', queue.id)
        .orderBy('number')
        .execute();
      exact =
        rows.length === joins &&
        rows.every((r, i) => Number(r.number) === i + 1) &&
        result.everyVersionOnce === true &&
        result.failures === 0;
    }
    const perSecond = joins / (result.seconds as number);
    const fleetCpuUs = ((result.fleetCpuSeconds as number) * 1e6) / joins;
    const databaseCpuUs = databaseCpu === undefined ? undefined : (databaseCpu * 1e6) / (joins + warmUp);
    const proxyAndRedisCpuUs = (othersCpu * 1e6) / (joins + warmUp);
    return {
      mode,
      delayMs,
      joins,
      perSecond,
      p50Us: percentile(latencies, 50),
      p99Us: percentile(latencies, 99),
      failures: result.failures as number,
      fleetCpuUs,
      databaseCpuUs,
      proxyAndRedisCpuUs,
      coresBusy: (perSecond * (fleetCpuUs + (databaseCpuUs ?? 0) + proxyAndRedisCpuUs)) / 1e6,
      statementsPerJoin: statements / (joins + warmUp),
      exact,
      outOfOrder: mode === 'server' ? (result.outOfOrder as number) : undefined,
      latestMs: mode === 'server' ? (result.latestMs as number) : undefined,
    };
  } finally {
    await proxy.stop();
    await sql.cleanup();
    await redis?.cleanup();
  }
}
