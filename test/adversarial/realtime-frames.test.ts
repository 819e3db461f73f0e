import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownerOverHttp, postGraphql, queueOverHttp } from '../support/http';
import { ON_QUEUE_EVENT, RawRealtimeClient, type RealtimeMessage } from '../support/realtime-client';
import { killSpawnedServers, spawnServer, type SpawnedServer } from '../support/spawned-server';

/**
 * Hostile real-time frames against a real `npm start` process: every frame of the corpus, on a socket with no
 * credentials, on an authorised socket before connection_init, and on an initialised socket. The process must
 * answer each with a protocol message (or a clean close) and keep serving a well-behaved client.
 */
const huge = 'x'.repeat(100_000);
const startOf = (payload: unknown, id: unknown = 'a') => JSON.stringify({ id, type: 'start', payload });
const data = (value: unknown) => ({
  data: JSON.stringify(value),
  extensions: { authorization: { Authorization: 'Public' } },
});
const CORPUS: (string | Buffer)[] = [
  'null',
  '0',
  '-1',
  'true',
  'false',
  '"connection_init"',
  '[]',
  '[null]',
  '[{"type":"connection_init"}]',
  '{}',
  '',
  ' ',
  '{',
  'undefined',
  'NaN',
  '{"type":null}',
  '{"type":5}',
  '{"type":{"toString":1}}',
  '{"type":["start"]}',
  `{"type":"${huge}"}`,
  '{"type":"start"}',
  '{"type":"stop"}',
  '{"type":"stop","id":null}',
  '{"type":"stop","id":5}',
  '{"type":"stop","id":""}',
  `{"type":"stop","id":"${huge}"}`,
  '{"type":"stop","id":"never-started"}',
  '{"type":"start","id":{}}',
  startOf(null),
  startOf('string'),
  startOf([]),
  startOf({}),
  startOf({ data: null }),
  startOf({ data: 5 }),
  startOf({ data: 'not json' }),
  startOf({ data: 'null' }),
  startOf({ data: '[]' }),
  startOf({ data: '"query"' }),
  startOf({ data: '{"query":5}' }),
  startOf({ data: '{"query":""}' }),
  startOf(data({ query: ON_QUEUE_EVENT, variables: 'string' })),
  startOf(data({ query: ON_QUEUE_EVENT, variables: [] })),
  startOf(data({ query: ON_QUEUE_EVENT, variables: null })),
  startOf(data({ query: ON_QUEUE_EVENT, variables: { queueId: null } })),
  startOf(data({ query: ON_QUEUE_EVENT, variables: { queueId: 5 } })),
  startOf(data({ query: ON_QUEUE_EVENT, variables: { queueId: huge } })),
  startOf({ data: JSON.stringify({ query: ON_QUEUE_EVENT, variables: { queueId: 'q' } }), extensions: null }),
  startOf({ data: JSON.stringify({ query: ON_QUEUE_EVENT, variables: { queueId: 'q' } }), extensions: 5 }),
  startOf({
    data: JSON.stringify({ query: ON_QUEUE_EVENT, variables: { queueId: 'q' } }),
    extensions: { authorization: null },
  }),
  startOf({
    data: JSON.stringify({ query: ON_QUEUE_EVENT, variables: { queueId: 'q' } }),
    extensions: { authorization: { Authorization: 5 } },
  }),
  startOf(data({ query: '{ __typename }' })),
  startOf(data({ query: 'mutation { logout }' })),
  startOf(data({ query: 'subscription { nope }' })),
  startOf(data({ query: `subscription ${'{'.repeat(5000)}` })),
  startOf(data({ query: ON_QUEUE_EVENT, variables: { queueId: 'q' }, operationName: 5 })),
  startOf(data({ query: ON_QUEUE_EVENT, variables: { queueId: 'q' }, operationName: 'Other' })),
  '{"type":"connection_init","payload":null}',
  '{"type":"connection_init","payload":"x"}',
  '{"type":"ka"}',
  '{"type":"data","id":"a","payload":{}}',
  '{"type":"__proto__"}',
  '{"__proto__":{"type":"start"},"id":"p"}',
  Buffer.from([0xff, 0xfe, 0xfd]),
  Buffer.from('{"type":"connection_init"}'),
];

describe('hostile real-time frames against a running server', () => {
  let server: SpawnedServer;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'qm-adversarial-'));
    server = await spawnServer({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'ERROR' });
  });
  afterAll(async () => {
    // A server that died already is what the first test reports; teardown only makes sure none is left.
    if (server?.child.exitCode === null) await server.stop();
    killSpawnedServers();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Sends one frame and collects what comes back until a protocol answer arrives, the socket closes, or 300 ms. */
  async function tryFrame(
    frame: string | Buffer,
    state: 'no credentials' | 'before init' | 'initialised',
  ): Promise<{ answers: RealtimeMessage[]; closed: boolean }> {
    const client = await RawRealtimeClient.open(
      server.url,
      state === 'no credentials' ? undefined : 'Public',
    );
    if (state === 'initialised') expect((await client.init()).type).toBe('connection_ack');
    const since = client.messages.length;
    client.ws.send(frame, { binary: Buffer.isBuffer(frame) });
    await client
      .next((m) => m.type !== 'ka' && m.type !== 'connection_ack', 300, since)
      .catch(() => undefined);
    const answers = client.messages.slice(since).filter((m) => m.type !== 'ka');
    const closed = client.closed !== undefined;
    client.close();
    return { answers, closed };
  }

  it('given every frame of the corpus in every connection state, then each gets a protocol answer and the process survives', async () => {
    let tried = 0;
    let answered = 0;
    const silent: string[] = [];
    for (const state of ['no credentials', 'before init', 'initialised'] as const)
      for (const frame of CORPUS) {
        tried += 1;
        const { answers, closed } = await tryFrame(frame, state);
        // A known-harmless silence: a repeated connection_init on an initialised socket.
        if (answers.length > 0 || closed) answered += 1;
        else silent.push(`${state}: ${String(frame).slice(0, 60)}`);
        for (const answer of answers)
          expect(['error', 'connection_error', 'complete', 'connection_ack']).toContain(answer.type);
      }
    process.stdout.write(
      `realtime frames: ${tried} tried, ${answered} answered or closed cleanly, ${silent.length} silent\n`,
    );
    expect(server.child.exitCode).toBeNull();
    // The only frames that may go unanswered are a second connection_init and a binary init on a live socket.
    for (const s of silent) expect(s).toMatch(/connection_init/);

    // The same process still serves a person who follows the protocol end to end.
    const { authorization } = await ownerOverHttp(server.url);
    const queueId = await queueOverHttp(server.url, authorization, {
      name: 'After the storm',
      selfJoin: true,
    });
    const watcher = await RawRealtimeClient.open(server.url, 'Public');
    await watcher.init();
    expect((await watcher.start('w', ON_QUEUE_EVENT, { queueId }, 'Public')).type).toBe('start_ack');
    await postGraphql(
      server.url,
      {
        query: 'mutation J($q: ID!) { joinQueue(queueId: $q, input: {name: "Ana"}) { ticket { number } } }',
        variables: { q: queueId },
      },
      'Public',
    );
    const event = await watcher.next((m) => m.id === 'w' && m.type === 'data');
    expect(event.payload.data.onQueueEvent).toMatchObject({ queueId, kind: 'JOINED', waitingCount: 1 });
    watcher.close();
  });

  it('given a frame larger than the limit, then only that socket is closed (1009) and the process goes on', async () => {
    const client = await RawRealtimeClient.open(server.url, 'Public');
    const bystander = await RawRealtimeClient.open(server.url, 'Public');
    await bystander.init();
    client.ws.send(JSON.stringify({ type: 'connection_init', padding: 'x'.repeat(200 * 1024) }));
    await new Promise<void>((resolve) => client.ws.once('close', () => resolve()));
    expect(client.closed?.code).toBe(1009);
    expect(bystander.closed).toBeUndefined();
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    bystander.close();
  });

  it('given a raw socket that never speaks WebSocket after the upgrade, then the server is unaffected', async () => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/graphql/realtime`, ['graphql-ws']);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    ws.terminate();
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });
});
