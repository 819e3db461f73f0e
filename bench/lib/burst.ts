import type { Pool } from 'mysql2/promise';

/**
 * `amount` operations from `callers` concurrent callers, each taking the next number as it frees up; latency
 * per operation in microseconds, failures counted (the caller decides whether any is acceptable).
 */
export async function burst(amount: number, callers: number, operation: (i: number) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (next < amount) {
        const i = (next += 1);
        const one = performance.now();
        try {
          await operation(i);
        } catch {
          failures += 1;
        }
        latencies.push(Math.round((performance.now() - one) * 1000));
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latencies, failures };
}

/** The joins baselines' table: what a join would insert, without the queue's rules. */
export const BASELINE_TABLE =
  'CREATE TABLE baseline_joins (id INT AUTO_INCREMENT PRIMARY KEY, queue_id VARCHAR(36) NOT NULL, name VARCHAR(128) NOT NULL, joined_at BIGINT NOT NULL) DEFAULT CHARSET=utf8mb4';

/** One baseline "join": a single-row INSERT transaction on a pooled connection. */
export async function insertTransaction(pool: Pool, i: number): Promise<void> {
  const connection = await pool.getConnection();
  try {
    await connection.beginTransaction();
    await connection.execute('INSERT INTO baseline_joins (queue_id, name, joined_at) VALUES (?, ?, ?)', [
      'q',
      `Guest ${i}`,
      Date.now(),
    ]);
    await connection.commit();
  } finally {
    connection.release();
  }
}
