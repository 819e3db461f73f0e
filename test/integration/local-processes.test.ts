import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loginOverHttp, ownerOverHttp, postGraphql } from '../support/http';
import { ON_QUEUE_EVENT, RawRealtimeClient } from '../support/realtime-client';
import { freshSharedStores } from '../support/shared-stores';
import { killSpawnedServers, spawnServer, type SpawnedServer } from '../support/spawned-server';

const services = inject('services');
afterAll(killSpawnedServers);
describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'qm-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('given a fresh data folder, then it starts, answers, stops cleanly on SIGTERM, and finds everything after a restart', async () => {
    const first = await spawnServer({ DATA_DIR: dataDir, PORT: '0' }, 'npm start');
    expect(first.output()).toMatch(/Playground {2}http:\/\/localhost:\d+\/playground/);
    expect(first.output()).toMatch(/Client app {2}http:\/\/localhost:\d+\/ /);
    expect(first.output()).toMatch(/Backoffice {2}http:\/\/localhost:\d+\/backoffice\//);
    const email = `${randomUUID()}@example.com`;
    const { authorization: owner } = await ownerOverHttp(first.url, first.url, email);
    const queue = (
      await postGraphql(
        first.url,
        { query: 'mutation { createQueue(input: {name: "Persisted 💾"}) { id } }' },
        owner,
      )
    ).body.data.createQueue;
    const issued = (
      await postGraphql(
        first.url,
        { query: `mutation { addTicket(queueId: "${queue.id}", input: {name: "Ana"}) { accessToken } }` },
        owner,
      )
    ).body.data.addTicket;
    await first.stop('SIGTERM');
    expect(first.output()).toContain('Stopped cleanly.');
    // One short line per request for a person at a terminal, no JSON, no names.
    const requests = first
      .output()
      .split('\n')
      .filter((l) => l.includes('graphql request'));
    expect(requests.length).toBeGreaterThanOrEqual(2);
    for (const line of requests) {
      expect(line).toMatch(/^\d\d:\d\d:\d\d INFO {2}graphql request .*operation=mutation .*durationMs=\d+/);
      expect(line.length).toBeLessThan(200);
      expect(line).not.toContain('Ana');
    }

    const second = await spawnServer({ DATA_DIR: dataDir, PORT: '0' }, 'npm start');
    try {
      const again = await loginOverHttp(second.url, email);
      const queues = await postGraphql(
        second.url,
        { query: '{ myQueues { items { id name waitingCount } } }' },
        again,
      );
      expect(queues.body.data.myQueues.items).toEqual([
        { id: queue.id, name: 'Persisted 💾', waitingCount: 1 },
      ]);
      const view = await postGraphql(
        second.url,
        { query: `{ ticket(token: "${issued.accessToken}") { name position } }` },
        'Public',
      );
      expect(view.body.data.ticket).toEqual({ name: 'Ana', position: 1 });
    } finally {
      await second.stop('SIGINT');
      expect(second.output()).toContain('Stopped cleanly.');
    }
    process.stdout.write(`npm start: ready in ${first.readyMs} ms (first), ${second.readyMs} ms (restart)\n`);
  });

  it('given a port that is taken, then it says so and exits non-zero', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const port = (blocker.address() as AddressInfo).port;
    const failure = await spawnServer({ DATA_DIR: dataDir, PORT: String(port) }).catch(
      (e: { code: number; output: string }) => e,
    );
    blocker.close();
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { output: string }).output).toContain(`Port ${port} on 127.0.0.1 is already in use`);
  });

  it('given a data folder that cannot be written, then it says so and exits non-zero', async () => {
    // A folder beneath a plain file cannot be made (root may write anywhere else on this machine).
    const file = join(dataDir, 'not-a-folder');
    writeFileSync(file, '');
    const failure = await spawnServer({ DATA_DIR: join(file, 'data'), PORT: '0' }).catch(
      (e: { code: number; output: string }) => e,
    );
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { output: string }).output).toContain(
      `The data folder ${join(file, 'data')} cannot be written`,
    );
  });
});

describe.skipIf(!(services.mysql && services.redis))(
  'two server processes on MariaDB + Redis + dynalite',
  () => {
    let stores: Awaited<ReturnType<typeof freshSharedStores>>;
    let a: SpawnedServer;
    let b: SpawnedServer;
    const dirs = [mkdtempSync(join(tmpdir(), 'qm-a-')), mkdtempSync(join(tmpdir(), 'qm-b-'))];

    beforeAll(async () => {
      stores = await freshSharedStores();
      [a, b] = await Promise.all([
        spawnServer({ ...stores.env, DATA_DIR: dirs[0]! }),
        spawnServer({ ...stores.env, DATA_DIR: dirs[1]! }),
      ]);
    });
    afterAll(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
      await stores?.cleanup();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    });

    it('given subscribers on both, then a change made through either reaches both, in order', async () => {
      expect(a.output()).toContain('positions Redis (REDIS_URL)');
      const { authorization: owner } = await ownerOverHttp(a.url, b.url);
      const queue = (
        await postGraphql(b.url, { query: 'mutation { createQueue(input: {name: "Shared"}) { id } }' }, owner)
      ).body.data.createQueue;
      const watchers = await Promise.all([a, b].map((s) => RawRealtimeClient.open(s.url, owner)));
      for (const w of watchers) {
        await w.init();
        expect((await w.start('q', ON_QUEUE_EVENT, { queueId: queue.id }, owner)).type).toBe('start_ack');
      }
      await postGraphql(
        a.url,
        {
          query: `mutation { addTicket(queueId: "${queue.id}", input: {name: "Ana"}) { ticket { number } } }`,
        },
        owner,
      );
      await postGraphql(b.url, { query: `mutation { callNext(queueId: "${queue.id}") { number } }` }, owner);
      for (const w of watchers) {
        await w.next((m) => m.type === 'data' && m.payload.data.onQueueEvent.version === 3);
        expect(
          w.dataFor('q').map((m) => [m.payload.data.onQueueEvent.version, m.payload.data.onQueueEvent.kind]),
        ).toEqual([
          [2, 'JOINED'],
          [3, 'CALLED'],
        ]);
        w.close();
      }
    });
  },
);
