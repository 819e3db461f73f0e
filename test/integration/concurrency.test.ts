import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { IssuedTicket, Ticket } from '../../resolvers/generated/graphql';
import { apiAs, owner, PUBLIC } from '../support/appsync';
import { openStack, secondInstance, type TestStack } from '../support/stack';
import { signedInOwner } from '../contract/backend.contract';

const services = inject('services');

describe.skipIf(!(services.mysql && services.redis))(
  'concurrency on MariaDB + Redis, two server instances',
  () => {
    let stack: TestStack;
    let other: ReturnType<typeof secondInstance>;
    let accountId: string;

    beforeAll(async () => {
      stack = await openStack('mariadb+redis', { poolSize: 20 });
      other = secondInstance(stack);
      accountId = (await signedInOwner(stack)).account.id;
    });
    afterAll(async () => {
      await other?.close();
      await stack?.cleanup();
    });

    const ownerOn = (i: number) => apiAs(i % 2 === 0 ? stack.deps : other.deps, owner(accountId));
    const publicOn = (i: number) => apiAs(i % 2 === 0 ? stack.deps : other.deps, PUBLIC);
    const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

    it('given 200 concurrent joins on one queue, then they get numbers 1..200 and positions 1..200, no duplicate, no gap', async () => {
      const queue = await ownerOn(0)('createQueue', { input: { name: 'Rush hour', selfJoin: true } });
      const issued: IssuedTicket[] = await Promise.all(
        range(200).map((i) =>
          publicOn(i)<IssuedTicket>('joinQueue', { queueId: queue.id, input: { name: `Person ${i}` } }),
        ),
      );
      expect(issued.map((t) => t.ticket.number).sort((a, b) => a - b)).toEqual(range(200));
      const views = await Promise.all(issued.map((t, i) => publicOn(i)('ticket', { token: t.accessToken })));
      for (const [i, view] of views.entries()) expect(view.position).toBe(issued[i]!.ticket.number);
      const after = await ownerOn(1)('queue', { id: queue.id });
      expect(after).toMatchObject({ waitingCount: 200, version: 201 });
      const versions = stack.events
        .filter((e) => e.queueId === queue.id)
        .map((e) => e.version)
        .sort((a, b) => a - b);
      expect(versions).toEqual(range(200).map((n) => n + 1));
    });

    it('given 60 waiting and 80 concurrent calls from both instances, then each ticket is called exactly once, in order, served exactly once by the call after it, and 20 calls find nobody', async () => {
      const api = ownerOn(0);
      const queue = await api('createQueue', { input: { name: 'Counter' } });
      for (const i of range(60)) await api('addTicket', { queueId: queue.id, input: { name: `P${i}` } });
      const results = await Promise.all(
        range(80).map((i) => ownerOn(i)<Ticket | null>('callNext', { queueId: queue.id })),
      );
      const called = results.filter((t): t is Ticket => t !== null);
      expect(called).toHaveLength(60);
      expect(called.map((t) => t.number).sort((a, b) => a - b)).toEqual(range(60));
      const byTime = [...called].sort(
        (a, b) => Date.parse(a.calledAt!) - Date.parse(b.calledAt!) || a.number - b.number,
      );
      expect(byTime.map((t) => t.number)).toEqual(range(60));
      const listed = await api('queueTickets', { queueId: queue.id, limit: 100 });
      // The 61st call served the last one called; the other 19 found nobody and changed nothing.
      expect(listed.items.every((t: Ticket) => t.status === 'SERVED')).toBe(true);
      expect(await api('queue', { id: queue.id })).toMatchObject({
        waitingCount: 0,
        nowServing: 60,
        version: 1 + 60 + 60 + 60, // created, 60 joins, 60 calls, 60 served
      });
    });

    it('given joins, calls and removals racing on one queue, then the waiting positions are exactly 1..n in number order', async () => {
      const api = ownerOn(0);
      const queue = await api('createQueue', { input: { name: 'Mixed', selfJoin: true } });
      const first: IssuedTicket[] = await Promise.all(
        range(40).map((i) =>
          publicOn(i)<IssuedTicket>('joinQueue', { queueId: queue.id, input: { name: `A${i}` } }),
        ),
      );
      await Promise.all([
        ...range(30).map((i) => publicOn(i)('joinQueue', { queueId: queue.id, input: { name: `B${i}` } })),
        ...range(10).map((i) => ownerOn(i)('callNext', { queueId: queue.id })),
        ...first.slice(20, 30).map((t, i) => ownerOn(i)('removeTicket', { id: t.ticket.id })),
        ...first.slice(30, 35).map((t, i) => publicOn(i)('leaveQueue', { token: t.accessToken })),
      ]);
      const waiting = (await api('queueTickets', { queueId: queue.id, statuses: ['WAITING'], limit: 500 }))
        .items as Ticket[];
      expect(waiting).toHaveLength(40 + 30 - 10 - 10 - 5);
      expect(waiting.map((t) => t.position)).toEqual(range(waiting.length));
      const survivors = first.filter((t) => waiting.some((w) => w.id === t.ticket.id));
      for (const t of survivors) {
        const view = await publicOn(1)('ticket', { token: t.accessToken });
        expect(view.position).toBe(waiting.findIndex((w) => w.id === t.ticket.id) + 1);
      }
    });
  },
);
