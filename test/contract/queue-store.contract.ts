import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queue, Ticket } from '../../resolvers/domain/model';
import type { QueueStore } from '../../resolvers/domain/ports';
import { aQueue, aTicket } from '../support/fixtures';

export interface QueueStoreHarness {
  store: QueueStore;
  cleanup(): Promise<void>;
}

/** The same cases for every QueueStore implementation (SQLite, MariaDB). */
export function queueStoreContract(
  name: string,
  open: () => Promise<QueueStoreHarness>,
  enabled = true,
): void {
  describe.skipIf(!enabled)(`QueueStore contract: ${name}`, () => {
    let harness: QueueStoreHarness;
    let store: QueueStore;
    beforeAll(async () => {
      harness = await open();
      store = harness.store;
    });
    afterAll(() => harness?.cleanup());

    async function queueWith(
      tickets: number,
      overrides: Partial<Queue> = {},
    ): Promise<{ queue: Queue; tickets: Ticket[] }> {
      const queue = aQueue(overrides);
      await store.insertQueue(queue);
      const list: Ticket[] = [];
      for (let n = 1; n <= tickets; n += 1) {
        const ticket = aTicket(queue, n);
        await store.inQueueTransaction(queue.id, async (tx) => {
          await tx.insertTickets([{ ticket, tokenHash: `${ticket.id.replace(/-/g, '')}${'0'.repeat(32)}` }]);
          await tx.updateQueue({ nextNumber: n + 1, waitingCount: n, version: 1 + n });
        });
        list.push(ticket);
      }
      return { queue: (await store.queue(queue.id))!, tickets: list };
    }

    it('given a queue with accents and emoji, when it is read back, then every character is intact', async () => {
      const queue = aQueue({
        name: 'Açaí & Pão — fila 😀👩🏽‍⚕️',
        description: 'Ñandú, façade, 日本語',
        capacity: 40,
      });
      await store.insertQueue(queue);
      expect(await store.queue(queue.id)).toEqual(queue);
    });

    it('given an unknown id, then the queue, the ticket and a transaction on it are all absent', async () => {
      expect(await store.queue(randomUUID())).toBeUndefined();
      expect(await store.ticket(randomUUID())).toBeUndefined();
      expect(await store.ticketByTokenHash('f'.repeat(64))).toBeUndefined();
      let ran = false;
      expect(await store.inQueueTransaction(randomUUID(), async () => (ran = true))).toBeUndefined();
      expect(ran).toBe(false);
    });

    it("given three venues' queues, when a member pages through one venue's and one other queue, then they get only those, newest first", async () => {
      const venueId = randomUUID();
      const base = Date.now();
      const mine = [0, 1, 2, 3, 4].map((i) =>
        aQueue({ venueId, createdAt: base + i * 10, updatedAt: base + i * 10 }),
      );
      const assigned = aQueue({ createdAt: base - 10, updatedAt: base - 10 });
      for (const q of [...mine, assigned, aQueue(), aQueue()]) await store.insertQueue(q);
      const first = await store.queuesIn([venueId], [assigned.id], 2);
      expect(first.items.map((q) => q.id)).toEqual([mine[4]!.id, mine[3]!.id]);
      const second = await store.queuesIn([venueId], [assigned.id], 2, first.nextToken);
      expect(second.items.map((q) => q.id)).toEqual([mine[2]!.id, mine[1]!.id]);
      const third = await store.queuesIn([venueId], [assigned.id], 2, second.nextToken);
      expect(third.items.map((q) => q.id)).toEqual([mine[0]!.id, assigned.id]);
      expect(third.nextToken).toBeUndefined();
      expect((await store.queuesIn([], [], 10)).items).toEqual([]);
    });

    it('given a transaction that writes and then throws, then nothing it wrote is kept', async () => {
      const { queue } = await queueWith(1);
      const ticket = aTicket(queue, 2);
      await expect(
        store.inQueueTransaction(queue.id, async (tx) => {
          await tx.insertTickets([{ ticket, tokenHash: 'a'.repeat(64) }]);
          await tx.updateQueue({ version: 99, waitingCount: 2 });
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      expect(await store.ticket(ticket.id)).toBeUndefined();
      expect((await store.queue(queue.id))!.version).toBe(queue.version);
    });

    it('given a ticket number already taken in the queue, when another ticket claims it, then the insert fails', async () => {
      const { queue } = await queueWith(1);
      await expect(
        store.inQueueTransaction(queue.id, (tx) =>
          tx.insertTickets([{ ticket: aTicket(queue, 1), tokenHash: 'b'.repeat(64) }]),
        ),
      ).rejects.toThrow();
      expect((await store.tickets(queue.id, undefined, 10)).items).toHaveLength(1);
    });

    it('given 1,200 tickets inserted in one batch, then every one is stored, in number order, found by its token', async () => {
      const queue = aQueue();
      await store.insertQueue(queue);
      const batch = Array.from({ length: 1200 }, (_, i) => {
        const ticket = aTicket(queue, i + 1, { name: `Pessoa ${i + 1} 🙂` });
        return { ticket, tokenHash: ticket.id.replace(/-/g, '').padEnd(64, 'b') };
      });
      await store.inQueueTransaction(queue.id, (tx) => tx.insertTickets(batch));
      const page = await store.tickets(queue.id, ['WAITING'], 500);
      expect(page.items.map((t) => t.number)).toEqual(batch.slice(0, 500).map((b) => b.ticket.number));
      expect(await store.countWaitingBefore(queue.id, 1201)).toBe(1200);
      expect(await store.ticketByTokenHash(batch[1199]!.tokenHash)).toEqual(batch[1199]!.ticket);
    });

    it('given a queue of five, then tickets page in number order and filter by status', async () => {
      const { queue, tickets } = await queueWith(5);
      await store.inQueueTransaction(queue.id, async (tx) => {
        expect((await tx.firstWaiting())!.id).toBe(tickets[0]!.id);
        await tx.updateTicket(tickets[0]!.id, { status: 'CALLED', calledAt: Date.now() });
        await tx.updateTicket(tickets[2]!.id, { status: 'REMOVED', finishedAt: Date.now() });
        expect((await tx.firstWaiting())!.id).toBe(tickets[1]!.id);
        expect((await tx.ticket(tickets[2]!.id))!.status).toBe('REMOVED');
      });
      const page1 = await store.tickets(queue.id, undefined, 3);
      expect(page1.items.map((t) => t.number)).toEqual([1, 2, 3]);
      const page2 = await store.tickets(queue.id, undefined, 3, page1.nextToken);
      expect(page2.items.map((t) => t.number)).toEqual([4, 5]);
      expect(page2.nextToken).toBeUndefined();
      const waiting = await store.tickets(queue.id, ['WAITING'], 10);
      expect(waiting.items.map((t) => t.number)).toEqual([2, 4, 5]);
      expect(await store.countWaitingBefore(queue.id, 5)).toBe(2);
      expect(await store.countWaitingBefore(queue.id, 2)).toBe(0);
    });

    it('given a forged page token, then the read is refused as invalid input', async () => {
      const { queue } = await queueWith(1);
      await expect(store.tickets(queue.id, undefined, 10, "' OR 1=1 --")).rejects.toMatchObject({
        errorType: 'VALIDATION',
      });
    });

    it('given tickets in a queue, then a ticket is found by id and by its token hash, and belongs to its queue only', async () => {
      const { queue, tickets } = await queueWith(2);
      const other = await queueWith(0);
      const hash = `${tickets[1]!.id.replace(/-/g, '')}${'0'.repeat(32)}`;
      expect(await store.ticketByTokenHash(hash)).toEqual(tickets[1]);
      expect(await store.ticket(tickets[0]!.id)).toEqual(tickets[0]);
      await store.inQueueTransaction(other.queue.id, async (tx) => {
        expect(await tx.ticket(tickets[0]!.id)).toBeUndefined();
      });
      expect(queue.waitingCount).toBe(2);
    });

    it('given waiting and called tickets, then the snapshot lists exactly the waiting ones with the version', async () => {
      const { queue, tickets } = await queueWith(4);
      await store.inQueueTransaction(queue.id, async (tx) => {
        await tx.updateTicket(tickets[1]!.id, { status: 'CALLED', calledAt: Date.now() });
        await tx.updateQueue({ version: queue.version + 1, waitingCount: 3 });
      });
      expect(await store.waitingSnapshot(queue.id)).toEqual({
        version: queue.version + 1,
        waiting: [1, 3, 4].map((n) => ({ ticketId: tickets[n - 1]!.id, place: n })),
      });
      expect(await store.waitingSnapshot(randomUUID())).toBeUndefined();
    });

    it('given tickets finished before a range, then stats reads leave them out', async () => {
      const queue = aQueue({ createdAt: 1_000_000 });
      await store.insertQueue(queue);
      const early = aTicket(queue, 1, {
        joinedAt: 1_000,
        status: 'SERVED',
        calledAt: 2_000,
        finishedAt: 3_000,
      });
      const inside = aTicket(queue, 2, {
        joinedAt: 4_000,
        status: 'SERVED',
        calledAt: 11_000,
        finishedAt: 12_000,
      });
      const open = aTicket(queue, 3, { joinedAt: 5_000 });
      const late = aTicket(queue, 4, { joinedAt: 50_000 });
      await store.inQueueTransaction(queue.id, async (tx) => {
        for (const t of [early, inside, open, late])
          await tx.insertTickets([{ ticket: t, tokenHash: randomUUID().replace(/-/g, '').padEnd(64, '1') }]);
      });
      const rows = await store.ticketsForStats(queue.id, 10_000, 20_000);
      expect(rows.map((t) => t.number)).toEqual([2, 3]);
    });

    it('given a queue with tickets, when it is deleted, then the queue and its tickets are gone', async () => {
      const { queue, tickets } = await queueWith(2);
      await store.deleteQueue(queue.id);
      expect(await store.queue(queue.id)).toBeUndefined();
      expect(await store.ticket(tickets[0]!.id)).toBeUndefined();
    });
  });
}
