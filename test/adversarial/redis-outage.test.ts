import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshMysql, type TestSql } from '../support/databases';
import { freshDynamo, type TestDynamo } from '../support/dynalite';
import { ownerOverHttp, postGraphql, queueOverHttp } from '../support/http';
import { OwnRedis } from '../../local/rehearsal/own-services';
import { ON_QUEUE_EVENT, RawRealtimeClient } from '../support/realtime-client';
import { killSpawnedServers, spawnServer, type SpawnedServer } from '../support/spawned-server';

const services = inject('services');

async function until(done: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Redis is an accelerator: two instances share a Redis of this test's own, which is killed (-9) and started
 * again while people join through both. Joins keep working in milliseconds, positions come from SQL; once Redis
 * is back every subscriber is told to reconnect and re-read, and the instances share events again, in order.
 */
describe.skipIf(!services.mysql)('a Redis outage under two instances', () => {
  let sql: TestSql;
  let dynamo: TestDynamo;
  let redis: OwnRedis;
  let servers: SpawnedServer[] = [];
  const dirs = [mkdtempSync(join(tmpdir(), 'qm-a-')), mkdtempSync(join(tmpdir(), 'qm-b-'))];

  beforeAll(async () => {
    [sql, dynamo, redis] = await Promise.all([freshMysql(), freshDynamo(), OwnRedis.start()]);
    const shared = {
      MYSQL_URL: sql.location,
      REDIS_URL: redis.url,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      ACCOUNTS_TABLE: dynamo.table,
      PORT: '0',
      LOG_LEVEL: 'CRITICAL',
    };
    servers = await Promise.all(dirs.map((dir) => spawnServer({ ...shared, DATA_DIR: dir })));
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => (s.child.exitCode === null ? s.stop() : undefined)));
    killSpawnedServers();
    await redis?.kill();
    await Promise.all([sql?.cleanup(), dynamo?.cleanup()]);
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('given Redis killed and restarted mid-queue, then joins stay fast, positions stay right, and fan-out resumes with gaps visible', async () => {
    const [a, b] = servers as [SpawnedServer, SpawnedServer];
    const { authorization: owner } = await ownerOverHttp(a.url, b.url);
    const queueId = await queueOverHttp(a.url, owner, { name: 'Outage', selfJoin: true });
    const watch = () =>
      Promise.all(
        [a, b].map(async (s) => {
          const w = await RawRealtimeClient.open(s.url, 'Public');
          await w.init();
          expect((await w.start('q', ON_QUEUE_EVENT, { queueId }, 'Public')).type).toBe('start_ack');
          return w;
        }),
      );
    let watchers = await watch();
    let joined = 0;
    const join = async (via: SpawnedServer) => {
      const started = performance.now();
      const answer = await postGraphql(
        via.url,
        {
          query:
            'mutation J($q: ID!) { joinQueue(queueId: $q, input: {name: "Ana"}) { accessToken ticket { number } } }',
          variables: { q: queueId },
        },
        'Public',
      );
      const ms = performance.now() - started;
      expect(answer.body.errors).toBeUndefined();
      joined += 1;
      expect(answer.body.data.joinQueue.ticket.number).toBe(joined);
      return { ms, token: answer.body.data.joinQueue.accessToken as string };
    };
    const version = () => joined + 1;
    const seen = (w: RawRealtimeClient) =>
      w.dataFor('q').map((m) => m.payload.data.onQueueEvent.version as number);
    const reachEveryone = () =>
      Promise.all(
        watchers.map((w) =>
          w.next((m) => m.id === 'q' && m.payload?.data?.onQueueEvent?.version === version(), 5000),
        ),
      );

    for (let i = 0; i < 4; i++) await join(i % 2 ? b : a);
    await reachEveryone();

    await redis.kill();
    const during: number[] = [];
    let lastToken = '';
    for (let i = 0; i < 20; i++) {
      const { ms, token } = await join(i % 2 ? b : a);
      during.push(ms);
      lastToken = token;
    }
    // Positions come from SQL meanwhile.
    const position = await postGraphql(
      b.url,
      { query: 'query T($t: String!) { ticket(token: $t) { position } }', variables: { t: lastToken } },
      `Ticket ${lastToken}`,
    );
    expect(position.body.data.ticket.position).toBe(joined);

    await redis.restart();
    // Once each instance's link to the others is back, it tells its subscribers that they may have missed
    // events: their sockets close with 1012 and clients reconnect and re-read. Nobody is left silently stale.
    const before = watchers;
    await until(() => before.every((w) => w.closed !== undefined), 15_000);
    expect(before.map((w) => w.closed?.code)).toEqual([1012, 1012]);
    const told = before.map((w) => {
      const versions = seen(w);
      expect(versions.every((v, j) => j === 0 || v > versions[j - 1]!)).toBe(true);
      return `instance ${before.indexOf(w) ? 'b' : 'a'}: ${versions.length}/${joined} events before the outage ended, then told to re-read (1012)`;
    });

    // Sharing resumes by itself, both ways (an instance whose publishes failed also tells the others to resync,
    // which may close subscribers opened meanwhile: those simply try again, as clients do).
    const deadline = Date.now() + 15_000;
    for (;;) {
      watchers = await watch();
      const crossed = async (via: SpawnedServer, other: RawRealtimeClient) => {
        await join(via);
        return other
          .next((m) => m.id === 'q' && m.payload?.data?.onQueueEvent?.version === version(), 1000)
          .then(
            () => true,
            () => false,
          );
      };
      if ((await crossed(a, watchers[1]!)) && (await crossed(b, watchers[0]!))) break;
      for (const w of watchers) w.close();
      if (Date.now() > deadline) throw new Error('fan-out did not resume within 15 s of Redis coming back');
    }
    // Then every subscriber, on either instance, gets every change in order.
    const from = version() + 1;
    for (let i = 0; i < 10; i++) await join(i % 2 ? b : a);
    await reachEveryone();
    for (const w of watchers) {
      expect(seen(w).filter((v) => v >= from)).toEqual(Array.from({ length: 10 }, (_, i) => from + i));
      expect(w.closed).toBeUndefined();
    }

    const worst = Math.max(...during);
    process.stdout.write(
      `redis outage: ${during.length} joins while down, worst ${worst.toFixed(0)} ms, median ${during.sort((x, y) => x - y)[10]!.toFixed(0)} ms\n  ${told.join('\n  ')}\n  after: 10 joins over both, each new subscriber 10/10 in order\n`,
    );
    expect(worst).toBeLessThan(1000);
    for (const w of watchers) w.close();
  });
});
