import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDynamo, type TestDynamo } from '../support/dynalite';
import { ownerOverHttp, postGraphql, queueOverHttp } from '../support/http';
import { OwnMariadb } from '../../local/rehearsal/own-services';
import { ON_QUEUE_EVENT, RawRealtimeClient } from '../support/realtime-client';
import { killSpawnedServers, spawnServer, type SpawnedServer } from '../support/spawned-server';

/**
 * MariaDB killed (-9) under a running server: every request that needs it fails on its own, AppSync-shaped,
 * and the process serves again as soon as MariaDB is back.
 */
describe('MariaDB down mid-session', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qm-mariadb-'));
  let mariadb: OwnMariadb;
  let dynamo: TestDynamo;
  let server: SpawnedServer;

  beforeAll(async () => {
    [mariadb, dynamo] = await Promise.all([OwnMariadb.start(dir), freshDynamo()]);
    const admin = await createConnection({ host: '127.0.0.1', port: mariadb.port, user: 'root' });
    await admin.query('CREATE DATABASE qm');
    await admin.end();
    server = await spawnServer({
      PORT: '0',
      DATA_DIR: join(dir, 'server'),
      MYSQL_URL: mariadb.url('qm'),
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      ACCOUNTS_TABLE: dynamo.table,
      LOG_LEVEL: 'CRITICAL',
    });
  });
  afterAll(async () => {
    if (server?.child.exitCode === null) await server.stop();
    killSpawnedServers();
    await mariadb?.kill();
    await dynamo?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A GraphiQL-style subscription: its status and either its error type or the stream's first line. */
  async function playgroundStream(query: string, authorization: string): Promise<string> {
    const abort = new AbortController();
    const response = await fetch(`${server.url}/graphql?query=${encodeURIComponent(query)}`, {
      headers: { accept: 'text/event-stream', authorization },
      signal: abort.signal,
    });
    try {
      if (response.status !== 200) {
        const body = (await response.json()) as { errors: { errorType: string }[] };
        return `${response.status} ${body.errors[0]!.errorType}`;
      }
      const reader = response.body!.getReader();
      const { value } = await reader.read();
      return `200 ${new TextDecoder().decode(value).split('\n')[0]}`;
    } finally {
      abort.abort();
    }
  }

  it('given MariaDB killed, then ticket sockets, ticket requests, owner mutations, public reads and playground streams each get a clean refusal; after a restart all work again', async () => {
    const { authorization: owner } = await ownerOverHttp(server.url);
    const queueId = await queueOverHttp(server.url, owner, { name: 'Outage' });
    const token = (
      await postGraphql(
        server.url,
        { query: `mutation { addTicket(queueId: "${queueId}", input: {name: "Ana"}) { accessToken } }` },
        owner,
      )
    ).body.data.addTicket.accessToken as string;
    const ticket = `Ticket ${token}`;

    const attempts = async () => {
      const outcomes: Record<string, unknown> = {};
      const socket = await RawRealtimeClient.open(server.url, ticket);
      const init = await socket.init();
      outcomes.socket = init.type === 'connection_ack' ? 'ack' : init.payload.errors[0].errorType;
      socket.close();
      const read = await postGraphql(
        server.url,
        { query: `query T($t: String!) { ticket(token: $t) { position } }`, variables: { t: token } },
        ticket,
      );
      outcomes.ticketRead =
        read.status === 200 && !read.body.errors ? 'ok' : `${read.status} ${read.body.errors[0].errorType}`;
      const call = await postGraphql(
        server.url,
        { query: `mutation { callNext(queueId: "${queueId}") { number } }` },
        owner,
      );
      outcomes.ownerMutation = call.body.errors ? call.body.errors[0].errorType : 'ok';
      const display = await postGraphql(
        server.url,
        { query: `{ queueDisplay(queueId: "${queueId}") { name } }` },
        'Public',
      );
      outcomes.publicRead = display.body.errors ? display.body.errors[0].errorType : 'ok';
      const subscriber = await RawRealtimeClient.open(server.url, 'Public');
      await subscriber.init();
      outcomes.publicSubscription = (await subscriber.start('s', ON_QUEUE_EVENT, { queueId }, 'Public')).type;
      subscriber.close();
      outcomes.playgroundStream = await playgroundStream(
        `subscription { onQueueEvent(queueId: "${queueId}") { version } }`,
        ticket,
      );
      return outcomes;
    };

    await mariadb.kill();
    const started = performance.now();
    const down = await attempts();
    const downMs = performance.now() - started;
    expect(down).toEqual({
      socket: 'ServiceUnavailableException',
      ticketRead: '503 ServiceUnavailableException',
      ownerMutation: 'UNAVAILABLE',
      publicRead: 'UNAVAILABLE',
      // Public subscriptions need no store to start.
      publicSubscription: 'start_ack',
      // The playground's GraphiQL subscription (GET, Server-Sent Events) as a ticket holder: the authorizer.
      playgroundStream: '503 ServiceUnavailableException',
    });
    expect(server.child.exitCode).toBeNull();

    await mariadb.restart();
    const deadline = Date.now() + 15_000;
    let up = await attempts();
    while (up.ticketRead !== 'ok' && Date.now() < deadline) up = await attempts();
    expect(up).toEqual({
      socket: 'ack',
      ticketRead: 'ok',
      ownerMutation: 'ok',
      publicRead: 'ok',
      publicSubscription: 'start_ack',
      playgroundStream: '200 : subscribed',
    });
    process.stdout.write(
      `mariadb outage: 6 kinds of request while down, all refused cleanly in ${downMs.toFixed(0)} ms; all served again after restart; process alive\n`,
    );
  });
});
