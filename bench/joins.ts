import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { createPool } from 'mysql2/promise';
import { freshMysql } from '../test/support/databases';
import { freshRedis } from '../test/support/redis';
import { gql, ownerSession } from './lib/owner';
import { startServer } from './lib/processes';
import { percentile } from './lib/stats';

const JOINS = 1000;
const CONNECTIONS = 50;

export interface JoinResult {
  label: string;
  perSecond: number;
  p99: number;
  numbersExact: boolean | undefined;
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
    const queue = (
      await gql(
        server.url,
        'mutation { createQueue(input: {name: "Rush", selfJoin: true}) { id } }',
        {},
        owner,
      )
    ).createQueue;
    let n = 0;
    const started = performance.now();
    const result = await autocannon({
      url: `${server.url}/graphql`,
      method: 'POST',
      connections: CONNECTIONS,
      amount: JOINS,
      headers: { 'content-type': 'application/json', authorization: 'Public' },
      requests: [
        {
          setupRequest: (req) => ({
            ...req,
            body: JSON.stringify({
              query: `mutation J($q: ID!, $i: TicketInput!) { joinQueue(queueId: $q, input: $i) { ticket { number } } }`,
              variables: { q: queue.id, i: { name: `Guest ${(n += 1)}` } },
            }),
          }),
        },
      ],
    });
    const seconds = (performance.now() - started) / 1000;
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
    const exact =
      numbers.length === JOINS &&
      numbers.every((value, i) => value === i + 1) &&
      result.non2xx === 0 &&
      result.errors === 0;
    return {
      label: 'joinQueue through the server',
      perSecond: JOINS / seconds,
      p99: result.latency.p99,
      numbersExact: exact,
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
    await pool.query(
      'CREATE TABLE baseline_joins (id INT AUTO_INCREMENT PRIMARY KEY, queue_id VARCHAR(36) NOT NULL, name VARCHAR(128) NOT NULL, joined_at BIGINT NOT NULL) DEFAULT CHARSET=utf8mb4',
    );
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < JOINS) {
        next += 1;
        const one = performance.now();
        const connection = await pool.getConnection();
        try {
          await connection.beginTransaction();
          await connection.execute(
            'INSERT INTO baseline_joins (queue_id, name, joined_at) VALUES (?, ?, ?)',
            ['q', `Guest ${next}`, Date.now()],
          );
          await connection.commit();
        } finally {
          connection.release();
        }
        latencies.push(performance.now() - one);
      }
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, worker));
    return {
      label: 'single-row INSERT transactions (mysql2)',
      perSecond: JOINS / ((performance.now() - started) / 1000),
      p99: percentile(latencies, 99),
      numbersExact: undefined,
    };
  } finally {
    await pool.end();
    await sql.cleanup();
  }
}
