import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { createPool } from 'mysql2/promise';
import { freshMysql } from '../test/support/databases';
import { freshRedis } from '../test/support/redis';
import { gql, ownerSession } from './lib/owner';
import { cpuMeter, mariadbPid, processTree } from './lib/cpu';
import { BASELINE_TABLE, burst, insertTransaction } from './lib/burst';
import { startServer } from './lib/processes';
import { percentile } from './lib/stats';

/** Steady state, as the issue asks: at least 2,000 warm-up and 5,000 measured operations on each side. */
export const JOINS = 5000;
const CONNECTIONS = 50;
/** Operations each side runs first, not counted: JIT, connection pools and caches warm, as in a running service. */
export const WARM_UP = 2000;

export interface JoinResult {
  label: string;
  perSecond: number;
  p99: number;
  numbersExact: boolean | undefined;
  /** CPU per join of the server's processes (the baseline's: its own) and of MariaDB, microseconds. */
  cpuUs: number;
  databaseCpuUs: number | undefined;
}

async function createQueue(url: string, owner: string, name: string): Promise<{ id: string }> {
  const created = await gql(
    url,
    'mutation C($n: String!) { createQueue(input: {name: $n, selfJoin: true}) { id } }',
    { n: name },
    owner,
  );
  return created.createQueue;
}

/** `amount` joinQueue on one queue from CONNECTIONS keep-alive connections; timed to the last response. */
async function joinLoad(
  url: string,
  queueId: string,
  amount: number,
): Promise<{ seconds: number; p99: number; failures: number }> {
  let n = 0;
  const started = performance.now();
  let finished = started;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const load = autocannon(
      {
        url: `${url}/graphql`,
        method: 'POST',
        connections: CONNECTIONS,
        amount,
        headers: { 'content-type': 'application/json', authorization: 'Public' },
        requests: [
          {
            setupRequest: (req) => ({
              ...req,
              body: JSON.stringify({
                query: `mutation J($q: ID!, $i: TicketInput!) { joinQueue(queueId: $q, input: $i) { ticket { number } } }`,
                variables: { q: queueId, i: { name: `Guest ${(n += 1)}` } },
              }),
            }),
          },
        ],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    // autocannon reports on its one-second tick, not when the last response arrives: time to the last one.
    load.on('response', () => {
      finished = performance.now();
    });
  });
  return {
    seconds: (finished - started) / 1000,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

/** 1,000 joinQueue from 50 concurrent connections on one queue, MariaDB + Redis; then the numbers must be 1..1000. */
export async function joinServer(): Promise<JoinResult> {
  const [sql, redis] = await Promise.all([freshMysql(), freshRedis()]);
  const server = await startServer({
    DATA_DIR: `/tmp/qm-bench-joins-${randomBytes(4).toString('hex')}`,
    MYSQL_URL: sql.location,
    REDIS_URL: redis.url,
    REDIS_PREFIX: redis.prefix,
  });
  try {
    const owner = await ownerSession(server.url);
    await joinLoad(server.url, (await createQueue(server.url, owner, 'Warm-up')).id, WARM_UP);
    const queue = await createQueue(server.url, owner, 'Rush');
    const database = mariadbPid();
    const meters = [cpuMeter(processTree(server.child.pid!)), ...(database ? [cpuMeter([database])] : [])];
    const { seconds, p99, failures } = await joinLoad(server.url, queue.id, JOINS);
    const [own, db] = meters.map((m) => m.stop());
    const numbers: number[] = [];
    let nextToken: string | null = null;
    do {
      const page: { items: { number: number }[]; nextToken: string | null } = (
        await gql(
          server.url,
          'query T($q: ID!, $n: String) { queueTickets(queueId: $q, limit: 500, nextToken: $n) { items { number } nextToken } }',
          { q: queue.id, n: nextToken },
          owner,
        )
      ).queueTickets;
      numbers.push(...page.items.map((t) => t.number));
      nextToken = page.nextToken;
    } while (nextToken);
    const exact = numbers.length === JOINS && numbers.every((value, i) => value === i + 1) && failures === 0;
    return {
      label: 'joinQueue through the server',
      perSecond: JOINS / seconds,
      p99,
      numbersExact: exact,
      cpuUs: (own! * 1e6) / JOINS,
      databaseCpuUs: db === undefined ? undefined : (db * 1e6) / JOINS,
    };
  } finally {
    await server.stop();
    await Promise.all([sql.cleanup(), redis.cleanup()]);
  }
}

/** Baseline: the same number of single-row INSERT transactions through mysql2, 50 at a time. */
export async function joinBaseline(): Promise<JoinResult> {
  const sql = await freshMysql();
  const pool = createPool({ uri: sql.location, connectionLimit: CONNECTIONS });
  try {
    await pool.query(BASELINE_TABLE);
    const inserts = async (amount: number) => {
      const result = await burst(amount, CONNECTIONS, (i) => insertTransaction(pool, i));
      if (result.failures > 0) throw new Error(`${result.failures} baseline INSERT transactions failed`);
      return result;
    };
    await inserts(WARM_UP);
    const database = mariadbPid();
    const meter = database ? cpuMeter([database]) : undefined;
    const cpu = process.cpuUsage();
    const { seconds, latencies } = await inserts(JOINS);
    const used = process.cpuUsage(cpu);
    const db = meter?.stop();
    return {
      label: 'single-row INSERT transactions (mysql2)',
      perSecond: JOINS / seconds,
      p99: percentile(latencies, 99) / 1000,
      numbersExact: undefined,
      cpuUs: (used.user + used.system) / JOINS,
      databaseCpuUs: db === undefined ? undefined : (db * 1e6) / JOINS,
    };
  } finally {
    await pool.end();
    await sql.cleanup();
  }
}
