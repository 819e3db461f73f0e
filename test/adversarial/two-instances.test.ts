import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ownerOverHttp, postGraphql, queueOverHttp } from '../support/http';
import { ON_QUEUE_EVENT, RawRealtimeClient } from '../support/realtime-client';
import { freshSharedStores } from '../support/shared-stores';
import { killSpawnedServers, spawnServer, type SpawnedServer } from '../support/spawned-server';

const services = inject('services');

/** Two server processes on one MariaDB, Redis and dynalite, with no fault: what every subscriber sees. */
describe.skipIf(!(services.mysql && services.redis))('two instances under concurrent changes', () => {
  let stores: Awaited<ReturnType<typeof freshSharedStores>>;
  let servers: SpawnedServer[] = [];
  const dirs = [mkdtempSync(join(tmpdir(), 'qm-a-')), mkdtempSync(join(tmpdir(), 'qm-b-'))];

  beforeAll(async () => {
    stores = await freshSharedStores();
    servers = await Promise.all(
      dirs.map((dir) => spawnServer({ ...stores.env, LOG_LEVEL: 'ERROR', DATA_DIR: dir })),
    );
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => (s.child.exitCode === null ? s.stop() : undefined)));
    killSpawnedServers();
    await stores?.cleanup();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('given 200 concurrent self-joins split over both, then subscribers on each see every version once, in order', async () => {
    const [a, b] = servers as [SpawnedServer, SpawnedServer];
    const { authorization: owner } = await ownerOverHttp(a.url, b.url);
    const queueId = await queueOverHttp(a.url, owner, { name: 'Busy', selfJoin: true });
    const watchers = await Promise.all(
      [a, b, a, b].map(async (s) => {
        const w = await RawRealtimeClient.open(s.url, 'Public');
        await w.init();
        expect((await w.start('q', ON_QUEUE_EVENT, { queueId }, 'Public')).type).toBe('start_ack');
        return w;
      }),
    );
    const joins = 200;
    const answers = await Promise.all(
      Array.from({ length: joins }, (_, i) =>
        postGraphql(
          i % 2 ? b.url : a.url,
          {
            query:
              'mutation J($q: ID!) { joinQueue(queueId: $q, input: {name: "Ana"}) { ticket { number } } }',
            variables: { q: queueId },
          },
          'Public',
        ),
      ),
    );
    expect(answers.map((r) => r.body.data.joinQueue.ticket.number).sort((x, y) => x - y)).toEqual(
      Array.from({ length: joins }, (_, i) => i + 1),
    );
    const expected = Array.from({ length: joins }, (_, i) => i + 2);
    const report: string[] = [];
    for (const [i, w] of watchers.entries()) {
      await w.next((m) => m.id === 'q' && m.payload?.data?.onQueueEvent?.version === joins + 1, 10_000);
      const versions = w.dataFor('q').map((m) => m.payload.data.onQueueEvent.version as number);
      const inversions = versions.filter((v, j) => j > 0 && v <= versions[j - 1]!).length;
      report.push(
        `watcher ${i + 1} on ${i % 2 ? 'b' : 'a'}: ${versions.length}/${joins} events, ${inversions} out of order`,
      );
      expect(versions).toEqual(expected);
      w.close();
    }
    process.stdout.write(`two instances, ${joins} concurrent joins:\n  ${report.join('\n  ')}\n`);
  });
});
