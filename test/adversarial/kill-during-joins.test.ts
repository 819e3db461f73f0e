import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loginOverHttp, ownerOverHttp, postGraphql, queueOverHttp } from '../support/http';
import { freshSharedStores } from '../support/shared-stores';
import { killSpawnedServers, spawnServer } from '../support/spawned-server';

const services = inject('services');

/**
 * kill -9 of the server while 200 people join one queue at once, then a new process on the same stores: the
 * queue is whole. Every join that was answered is there with its number, numbers have no gap or repeat, and the
 * counts, the version and the live positions agree with the tickets. (A join committed in the instant of the
 * kill may never have been answered: that person holds a place the staff see in the queue.)
 */
describe.skipIf(!(services.mysql && services.redis))('kill -9 during concurrent joins', () => {
  let stores: Awaited<ReturnType<typeof freshSharedStores>>;
  const dir = mkdtempSync(join(tmpdir(), 'qm-kill-'));
  let env: Record<string, string>;

  beforeAll(async () => {
    stores = await freshSharedStores();
    env = { ...stores.env, DATA_DIR: dir, LOG_LEVEL: 'CRITICAL' };
  });
  afterAll(async () => {
    killSpawnedServers();
    await stores?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given the process killed mid-burst, then after a restart the queue recounts exactly', async () => {
    const first = await spawnServer(env);
    const { authorization: owner, email } = await ownerOverHttp(first.url);
    const queueId = await queueOverHttp(first.url, owner, { name: 'Kill', selfJoin: true });
    const answered: number[] = [];
    let failed = 0;
    const burst = Array.from({ length: 200 }, () =>
      postGraphql(
        first.url,
        {
          query: 'mutation J($q: ID!) { joinQueue(queueId: $q, input: {name: "Ana"}) { ticket { number } } }',
          variables: { q: queueId },
        },
        'Public',
      ).then(
        (r) => answered.push(r.body.data.joinQueue.ticket.number as number),
        () => (failed += 1),
      ),
    );
    while (answered.length < 40) await new Promise((r) => setTimeout(r, 1));
    await first.stop('SIGKILL');
    await Promise.all(burst);

    const second = await spawnServer(env);
    const authorization = await loginOverHttp(second.url, email);
    const read = await postGraphql(
      second.url,
      {
        query: `query Q($q: ID!) { queue(id: $q) { version waitingCount } queueTickets(queueId: $q, limit: 500) { items { number position } } }`,
        variables: { q: queueId },
      },
      authorization,
    );
    const { queue, queueTickets } = read.body.data;
    const numbers = (queueTickets.items as { number: number }[]).map((t) => t.number);
    const committed = numbers.length;
    expect(numbers).toEqual(Array.from({ length: committed }, (_, i) => i + 1));
    for (const number of answered) expect(numbers).toContain(number);
    expect(queue.waitingCount).toBe(committed);
    expect(queue.version).toBe(committed + 1);
    expect(queueTickets.items.map((t: { position: number }) => t.position)).toEqual(numbers);
    // The database agrees with what the API shows.
    const db = await createConnection({ uri: stores.env.MYSQL_URL });
    const [rows] = await db.query(
      'SELECT COUNT(*) AS n, MAX(number) AS top FROM tickets WHERE queue_id = ?',
      [queueId],
    );
    await db.end();
    expect(rows).toEqual([{ n: committed, top: committed }]);
    process.stdout.write(
      `kill -9 mid-burst: 200 joins sent, ${answered.length} answered, ${failed} cut off, ${committed} committed; numbers 1..${committed} gapless, version ${queue.version}, positions match\n`,
    );
    await second.stop();
  });
});
