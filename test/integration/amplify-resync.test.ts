import { Amplify } from 'aws-amplify';
import { CONNECTION_STATE_CHANGE, ConnectionState, generateClient } from 'aws-amplify/api';
import { Hub } from 'aws-amplify/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DevWebSocket } from '../support/dev-websocket';
import { ownerOverHttp, postGraphql, queueOverHttp } from '../support/http';
import { startTestServer, type TestServer } from '../support/local-server';
import { ON_QUEUE_EVENT } from '../support/realtime-client';

globalThis.WebSocket = DevWebSocket as unknown as typeof WebSocket;

/**
 * When an instance may have missed events (its link to the other instances broke), it closes its sockets with
 * 1012. This is what a real aws-amplify v6 client does then: it reports the disruption, reconnects by itself,
 * and its subscription goes on receiving events — the moment the apps re-read what they show.
 */
describe('aws-amplify v6 when the server asks clients to resync', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('embedded');
    Amplify.configure({
      API: { GraphQL: { endpoint: `${t.url}/graphql`, region: 'local', defaultAuthMode: 'lambda' } },
    });
  });
  afterAll(() => t?.cleanup());

  it('given a subscribed client, when the server resyncs, then the client reconnects by itself and keeps receiving events', async () => {
    const { authorization } = await ownerOverHttp(t.url);
    const queueId = await queueOverHttp(t.url, authorization, { name: 'Resync', selfJoin: true });
    const states: ConnectionState[] = [];
    const stopHub = Hub.listen('api', ({ payload }) => {
      if (payload.event === CONNECTION_STATE_CHANGE)
        states.push((payload.data as { connectionState: ConnectionState }).connectionState);
    });
    const versions: number[] = [];
    const client = generateClient();
    const subscription = (
      client.graphql as unknown as (o: object) => { subscribe(h: object): { unsubscribe(): void } }
    )({ query: ON_QUEUE_EVENT, variables: { queueId }, authMode: 'lambda', authToken: 'Public' }).subscribe({
      next: ({ data }: { data: { onQueueEvent: { version: number } } }) =>
        versions.push(data.onQueueEvent.version),
    });
    const until = async (done: () => boolean, what: string) => {
      const deadline = Date.now() + 10_000;
      while (!done()) {
        if (Date.now() > deadline)
          throw new Error(`timed out waiting for ${what}; states: ${states.join(', ')}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const join = () =>
      postGraphql(
        t.url,
        {
          query: 'mutation J($q: ID!) { joinQueue(queueId: $q, input: {name: "Ana"}) { accessToken } }',
          variables: { q: queueId },
        },
        'Public',
      );
    await until(() => states.at(-1) === ConnectionState.Connected, 'the first connection');
    await join();
    await until(() => versions.includes(2), 'the first event');

    const connectedBefore = states.filter((s) => s === ConnectionState.Connected).length;
    t.server.realtime.resync();
    await until(() => states.includes(ConnectionState.ConnectionDisrupted), 'the disruption to be reported');
    await until(
      () => states.filter((s) => s === ConnectionState.Connected).length > connectedBefore,
      'the reconnection',
    );
    await join();
    await until(() => versions.includes(3), 'an event after the reconnection');
    expect(versions).toEqual([2, 3]);
    subscription.unsubscribe();
    stopHub();
  });
});
