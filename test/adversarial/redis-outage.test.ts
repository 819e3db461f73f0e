import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshMysql, type TestSql } from '../support/databases';
import { freshDynamo, type TestDynamo } from '../support/dynalite';
import { ownerOverHttp, postGraphql } from '../support/http';
import { OwnRedis } from '../support/own-services';
import { ON_QUEUE_EVENT, RawRealtimeClient } from '../support/realtime-client';
import { killSpawnedServers, spawnServer, type SpawnedServer } from '../support/spawned-server';

const services = inject('services');

/**
 * Redis is an accelerator: two instances share a Redis of this test's own, which is killed (-9) and started
 * again while people join through both. Joins keep working in milliseconds, positions come from SQL, and once
 * Redis is back the instances share events again; every subscriber ends on the last version, in order, with
 * any event it missed visible as a version gap.
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
    const queueId = (
      await postGraphql(
        a.url,
        { query: 'mutation { createQueue(input: {name: "Outage", selfJoin: true}) { id } }' },
        owner,
      )
    ).body.data.createQueue.id as string;
    const watchers = await Promise.all(
      [a, b].map(async (s) => {
        const w = await RawRealtimeClient.open(s.url, 'Public');
        await w.init();
        expect((await w.start('q', ON_QUEUE_EVENT, { queueId }, 'Public')).type).toBe('start_ack');
        return w;
      }),
    );
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
    // Fan-out resumes by itself: a change through one instance reaches the other's subscriber again.
    const deadline = Date.now() + 15_000;
    for (;;) {
      await join(a);
      const arrived = await watchers[1]!
        .next((m) => m.id === 'q' && m.payload?.data?.onQueueEvent?.version === version(), 1000)
        .then(
          () => true,
          () => false,
        );
      if (arrived) break;
      if (Date.now() > deadline) throw new Error('fan-out did not resume within 15 s of Redis coming back');
    }
    for (let i = 0; i < 10; i++) await join(i % 2 ? b : a);
    await reachEveryone();

    const worst = Math.max(...during);
    const report = watchers.map((w, i) => {
      const versions = seen(w);
      const inOrder = versions.every((v, j) => j === 0 || v > versions[j - 1]!);
      expect(inOrder).toBe(true);
      expect(versions.at(-1)).toBe(version());
      const gaps = versions.filter((v, j) => j > 0 && v > versions[j - 1]! + 1).length;
      return `instance ${i ? 'b' : 'a'}: ${versions.length}/${joined} events, in order, ${gaps} visible gap(s)`;
    });
    process.stdout.write(
      `redis outage: ${during.length} joins while down, worst ${worst.toFixed(0)} ms, median ${during.sort((x, y) => x - y)[10]!.toFixed(0)} ms\n  ${report.join('\n  ')}\n`,
    );
    expect(worst).toBeLessThan(1000);
    for (const w of watchers) w.close();
  });
});
