import { Amplify } from 'aws-amplify';
import { generateClient } from 'aws-amplify/api';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { derivePosition, type KnownPosition } from '../../resolvers/domain/positions';
import { DevWebSocket } from './dev-websocket';
import { linkFromDevMail } from './local-server';
import { ON_QUEUE_EVENT } from './realtime-client';

// aws-amplify opens wss:// even for http://localhost: the dev-only wrapper maps it to ws://.
globalThis.WebSocket = DevWebSocket as unknown as typeof WebSocket;

type Gql = { data?: any; errors?: { errorType?: string; message: string }[] };
type Event = {
  queueId: string;
  version: number;
  kind: string;
  ticketNumber: number | null;
  waitingCount: number;
  nowServing: number | null;
};

async function until(check: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function untilAsync(check: () => Promise<boolean>, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The API and its real-time endpoint, wherever they run: what the flows need to know from the outside. */
export interface FlowTarget {
  url: string;
  /** Subscriptions the server holds now (to know one has started). */
  subscriptions(): Promise<number>;
  cleanup(): Promise<void>;
}

/**
 * The owner flow and the subscription refusals through an unmodified aws-amplify v6 client, against a target
 * that `start` brings up: the local server in both modes, and the AWS rehearsal.
 */
export function describeAmplifyFlows(
  name: string,
  enabled: boolean,
  start: () => Promise<FlowTarget>,
  timeouts: { mailMs?: number; testMs?: number; subscriptionMs?: number } = {},
): void {
  describe(`aws-amplify v6 against ${name}`, () => {
    let t: FlowTarget;
    // aws-amplify's overloads are typed for generated documents; these tests pass plain strings.
    let graphql: (options: {
      query: string;
      variables: Record<string, unknown>;
      authMode: 'lambda';
      authToken: string;
    }) => any;
    const gql = async (
      query: string,
      variables: Record<string, unknown>,
      authToken: string,
    ): Promise<Gql> => {
      try {
        return (await graphql({ query, variables, authMode: 'lambda', authToken })) as Gql;
      } catch (error) {
        return error as Gql;
      }
    };
    const subscribe = (queueId: string, authToken: string) =>
      graphql({ query: ON_QUEUE_EVENT, variables: { queueId }, authMode: 'lambda', authToken });

    beforeAll(async () => {
      if (!enabled) return;
      t = await start();
      Amplify.configure({
        API: { GraphQL: { endpoint: `${t.url}/graphql`, region: 'local', defaultAuthMode: 'lambda' } },
      });
      const client = generateClient();
      graphql = client.graphql.bind(client) as typeof graphql;
    });
    afterAll(() => t?.cleanup());

    it.skipIf(!enabled)(
      'runs the owner flow, and every subscriber derives the position that ticket(token) reads',
      async () => {
        const email = `${randomUUID()}@example.com`;
        const signUp = await gql(
          'mutation S($i: SignUpInput!) { signUp(input: $i) { accepted email } }',
          { i: { name: 'Dona Benta', email, password: 'correct horse battery' } },
          'Public',
        );
        expect(signUp.data.signUp).toEqual({ accepted: true, email });
        const link = await linkFromDevMail(t.url, email, 'verify', timeouts.mailMs);
        expect(link.startsWith(`${t.url}/backoffice/verify/`)).toBe(true);
        const verified = await gql(
          'mutation V($t: String!) { verifyEmail(token: $t) { status } }',
          { t: link.split('/').at(-1) },
          'Public',
        );
        expect(verified.data.verifyEmail.status).toBe('ACTIVE');
        const login = await gql(
          'mutation L($e: AWSEmail!, $p: String!) { login(email: $e, password: $p) { accessToken tokenType } }',
          { e: email, p: 'correct horse battery' },
          'Public',
        );
        const owner = `Bearer ${login.data.login.accessToken}`;
        expect((await gql('query { me { email status } }', {}, owner)).data.me).toEqual({
          email,
          status: 'ACTIVE',
        });

        const queue = (
          await gql(
            'mutation C($i: CreateQueueInput!) { createQueue(input: $i) { id version } }',
            // Calls leave people called, so every page's derivation is compared through each call (serving
            // the one called before on the next call is the backend contract's case).
            { i: { name: 'Padaria 🍞', calledMessage: 'Balcão 2', serveOnNext: false } },
            owner,
          )
        ).data.createQueue;
        const other = (
          await gql(
            'mutation C($i: CreateQueueInput!) { createQueue(input: $i) { id } }',
            { i: { name: 'Other queue' } },
            owner,
          )
        ).data.createQueue;
        const people: { accessToken: string; ticket: { id: string; number: number; position: number } }[] =
          [];
        for (const name of ['Ana', 'Bruno', 'Cláudia']) {
          const issued = await gql(
            'mutation A($q: ID!, $i: TicketInput!) { addTicket(queueId: $q, input: $i) { accessToken ticket { id number position } } }',
            { q: queue.id, i: { name } },
            owner,
          );
          people.push(issued.data.addTicket);
        }

        const read = async (token: string) =>
          (
            await gql(
              'query T($t: String!) { ticket(token: $t) { number status position waitingCount version calledMessage } }',
              { t: token },
              'Public',
            )
          ).data.ticket;

        // Each person subscribes with their own ticket token, from the version their page read.
        const known: KnownPosition[] = [];
        const received: Event[][] = people.map(() => []);
        const subscriptions = [];
        for (const [i, person] of people.entries()) {
          const view = await read(person.accessToken);
          known.push({
            ticketNumber: view.number,
            position: view.position,
            waitingCount: view.waitingCount,
            version: view.version,
          });
          subscriptions.push(
            subscribe(queue.id, `Ticket ${person.accessToken}`).subscribe({
              next: ({ data }: { data: { onQueueEvent: Event } }) => {
                received[i]!.push(data.onQueueEvent);
                const d = derivePosition(
                  known[i]!,
                  data.onQueueEvent as Parameters<typeof derivePosition>[1],
                );
                if (d.kind === 'next') known[i] = d.known;
              },
              error: (e: unknown) => received[i]!.push({ error: e } as never),
            }),
          );
        }
        const otherEvents: Event[] = [];
        const otherSub = subscribe(other.id, owner).subscribe({
          next: ({ data }: { data: { onQueueEvent: Event } }) => otherEvents.push(data.onQueueEvent),
        });
        await untilAsync(
          async () => (await t.subscriptions()) === 4,
          'four subscriptions to start',
          timeouts.subscriptionMs,
        );

        const step = async (mutation: string, variables: Record<string, unknown>, version: number) => {
          const result = await gql(mutation, variables, owner);
          expect(result.errors).toBeUndefined();
          await until(
            () => received.every((r) => r.some((e) => e.version === version)),
            `event v${version} at every subscriber`,
          );
          for (const [i, person] of people.entries()) {
            const view = await read(person.accessToken);
            expect(known[i]!.version).toBe(view.version);
            if (view.status === 'WAITING') expect(known[i]!.position).toBe(view.position);
          }
        };
        const called = 'mutation N($q: ID!) { callNext(queueId: $q) { number status } }';
        expect(known.map((k) => k.position)).toEqual([1, 2, 3]);
        await step(called, { q: queue.id }, 5);
        expect(known.slice(1).map((k) => k.position)).toEqual([1, 2]);
        expect(await read(people[0]!.accessToken)).toMatchObject({
          status: 'CALLED',
          calledMessage: 'Balcão 2',
          position: null,
        });
        await step(called, { q: queue.id }, 6);
        expect(known[2]!.position).toBe(1);
        const extra = (
          await gql(
            'mutation A($q: ID!, $i: TicketInput!) { addTicket(queueId: $q, input: $i) { ticket { id } } }',
            { q: queue.id, i: { name: 'Diego' } },
            owner,
          )
        ).data.addTicket;
        await until(() => received.every((r) => r.some((e) => e.version === 7)), 'v7');
        await step(
          'mutation R($id: ID!) { removeTicket(id: $id) { status } }',
          { id: people[2]!.ticket.id },
          8,
        );
        expect((await read(people[2]!.accessToken)).status).toBe('REMOVED');
        expect(extra.ticket.id).toBeTruthy();

        // Every subscriber saw the same events, in order, with no personal data, and nothing of the other queue.
        for (const r of received)
          expect(r.map((e) => [e.version, e.kind])).toEqual([
            [5, 'CALLED'],
            [6, 'CALLED'],
            [7, 'JOINED'],
            [8, 'REMOVED'],
          ]);
        expect(JSON.stringify(received)).not.toMatch(/Ana|Bruno|Cláudia|Diego/);
        expect(otherEvents).toEqual([]);
        for (const s of [...subscriptions, otherSub]) s.unsubscribe();
      },
      timeouts.testMs,
    );

    it.skipIf(!enabled)(
      'refuses a subscription with wrong credentials, and a ticket following another queue',
      async () => {
        const outcome = async (queueId: string, authToken: string) => {
          const before = await t.subscriptions();
          return new Promise<string>((resolve) => {
            const sub = subscribe(queueId, authToken).subscribe({
              next: () => resolve('delivered'),
              error: (e: unknown) => {
                sub.unsubscribe();
                resolve(JSON.stringify(e));
              },
            });
            // A subscription that starts is not refused: report it once the server holds it.
            void untilAsync(
              async () => (await t.subscriptions()) > before,
              'start',
              timeouts.subscriptionMs ?? 2000,
            ).then(
              () => {
                sub.unsubscribe();
                resolve('started');
              },
              () => undefined,
            );
          });
        };
        expect(await outcome(randomUUID(), 'Bearer not-a-session')).toMatch(/UnauthorizedException/);
        expect(await outcome(randomUUID(), `Ticket ${'A'.repeat(43)}`)).toMatch(/UnauthorizedException/);
        const owner = await signedUpOwner();
        const queues = [];
        for (const name of ['A', 'B'])
          queues.push(
            (
              await gql(
                'mutation C($i: CreateQueueInput!) { createQueue(input: $i) { id } }',
                { i: { name } },
                owner,
              )
            ).data.createQueue.id,
          );
        const ticket = (
          await gql(
            'mutation A($q: ID!, $i: TicketInput!) { addTicket(queueId: $q, input: $i) { accessToken } }',
            { q: queues[0], i: { name: 'Ana' } },
            owner,
          )
        ).data.addTicket;
        expect(await outcome(queues[1], `Ticket ${ticket.accessToken}`)).toMatch(/FORBIDDEN/);
        expect(await outcome(queues[0], `Ticket ${ticket.accessToken}`)).toBe('started');
      },
      timeouts.testMs,
    );

    async function signedUpOwner(): Promise<string> {
      const email = `${randomUUID()}@example.com`;
      await gql(
        'mutation S($i: SignUpInput!) { signUp(input: $i) { accepted } }',
        { i: { name: 'Owner', email, password: 'correct horse battery' } },
        'Public',
      );
      const token = (await linkFromDevMail(t.url, email, 'verify', timeouts.mailMs)).split('/').at(-1);
      await gql('mutation V($t: String!) { verifyEmail(token: $t) { status } }', { t: token }, 'Public');
      const login = await gql(
        'mutation L($e: AWSEmail!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
        { e: email, p: 'correct horse battery' },
        'Public',
      );
      return `Bearer ${login.data.login.accessToken}`;
    }
  });
}
