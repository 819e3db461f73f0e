import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocate, type JoinGuards } from '../../resolvers/domain/join-rules';
import type { Queue } from '../../resolvers/domain/model';
import type { NewTicket, QueueStore } from '../../resolvers/domain/ports';
import { aQueue } from '../support/fixtures';
import type { QueueStoreHarness } from './queue-store.contract';

const SELF: JoinGuards = { ownerId: null, selfJoin: true, statuses: ['OPEN'], capacity: true };
const staff = (ownerId: string): JoinGuards => ({
  ownerId,
  selfJoin: false,
  statuses: ['OPEN', 'PAUSED'],
  capacity: false,
});

function aJoin(guards: JoinGuards, overrides: Partial<NewTicket> = {}): NewTicket {
  return {
    id: randomUUID(),
    name: 'João 😀 Ñandú',
    email: null,
    phone: null,
    language: 'pt-BR',
    partySize: 1,
    source: guards.selfJoin ? 'SELF' : 'STAFF',
    tokenHash: randomUUID().replace(/-/g, '').padEnd(64, 'c'),
    guards,
    ...overrides,
  };
}

/**
 * QueueStore.join on every implementation: MySQL/MariaDB runs it as a stored procedure, SQLite through the
 * domain's `allocate`; every case checks the store against `allocate` too, so the two cannot drift apart.
 */
export function joinsContract(name: string, open: () => Promise<QueueStoreHarness>, enabled = true): void {
  describe.skipIf(!enabled)(`QueueStore.join contract: ${name}`, () => {
    let harness: QueueStoreHarness;
    let store: QueueStore;
    beforeAll(async () => {
      harness = await open();
      store = harness.store;
    });
    afterAll(() => harness?.cleanup());

    async function aStoredQueue(overrides: Partial<Queue> = {}): Promise<Queue> {
      const queue = aQueue({ createdAt: 1_000, ...overrides });
      await store.insertQueue(queue);
      return queue;
    }

    /** Joins the batch and checks the store's answer and rows against the domain's allocation. */
    async function joinAndCheck(queue: Queue, batch: NewTicket[], at: number, live = new Set<string>()) {
      const expected = allocate(queue, batch, at, live);
      const result = await store.join(queue.id, batch, at);
      expect(result).toEqual(expected);
      expect(await store.queue(queue.id)).toEqual(expected.queue);
      for (const [i, join] of batch.entries()) {
        const outcome = expected.outcomes[i]!;
        const stored = await store.ticket(join.id);
        if ('refused' in outcome) expect(stored).toBeUndefined();
        else
          expect(await store.ticketByTokenHash(join.tokenHash)).toEqual({
            id: join.id,
            queueId: queue.id,
            number: outcome.number,
            name: join.name,
            email: join.email,
            phone: join.phone,
            status: 'WAITING',
            source: join.source,
            joinedAt: at,
            calledAt: null,
            finishedAt: null,
            quote: null,
            language: join.language,
            almostAt: null,
            counter: null,
            partySize: join.partySize,
            place: outcome.number,
            snoozes: 0,
          });
      }
      return result!;
    }

    it('given a mixed batch on a queue with room for 3, then each join gets the next number or its refusal, in order', async () => {
      const queue = await aStoredQueue({ capacity: 3, version: 7, nextNumber: 12, waitingCount: 1 });
      const result = await joinAndCheck(
        queue,
        [
          aJoin(SELF, { email: 'ana@example.com', phone: '+55 11 98765-4321' }),
          aJoin(staff(randomUUID())),
          aJoin(SELF),
          aJoin(staff(queue.ownerId), { name: '李 小龙' }),
          aJoin(SELF),
        ],
        5_000,
      );
      expect(result.outcomes).toEqual([
        { number: 12 },
        { refused: 'NOT_OWNER' },
        { number: 13 },
        { number: 14 },
        { refused: 'FULL' },
      ]);
      expect(result.queue).toMatchObject({ version: 10, nextNumber: 15, waitingCount: 4, updatedAt: 5_000 });
    });

    it('given one live ticket per contact, then a self-join whose phone or email already waits (or came earlier in the batch) is refused as DUPLICATE; staff may still add them', async () => {
      const queue = await aStoredQueue({ onePerContact: true, capacity: 10 });
      const first = await joinAndCheck(queue, [aJoin(SELF, { phone: '+5511900000001' })], 1_000);
      expect(first.outcomes).toEqual([{ number: 1 }]);
      const result = await joinAndCheck(
        first.queue,
        [
          aJoin(SELF, { phone: '+5511900000001' }),
          aJoin(staff(queue.ownerId), { phone: '+5511900000001' }),
          aJoin(SELF, { email: 'bia@example.com' }),
          aJoin(SELF, { email: 'bia@example.com', phone: '+5511900000002' }),
          aJoin(SELF, { phone: '+5511900000002' }),
          aJoin(SELF),
          aJoin(SELF),
        ],
        2_000,
        new Set(['p:+5511900000001']),
      );
      expect(result.outcomes).toEqual([
        { refused: 'DUPLICATE' },
        { number: 2 },
        { number: 3 },
        { refused: 'DUPLICATE' },
        { number: 4 },
        { number: 5 },
        { number: 6 },
      ]);
      // Off (the default), the same contact joins as often as it likes.
      const open = await aStoredQueue();
      const twice = await joinAndCheck(
        open,
        [aJoin(SELF, { phone: '+5511900000003' }), aJoin(SELF, { phone: '+5511900000003' })],
        3_000,
      );
      expect(twice.outcomes).toEqual([{ number: 1 }, { number: 2 }]);
    });

    it('given party sizes, then the capacity counts people: a join that would pass it is refused, a smaller one after it still fits', async () => {
      const queue = await aStoredQueue({ capacity: 6, waitingCount: 1, waitingPeople: 2, nextNumber: 2 });
      const result = await joinAndCheck(
        queue,
        [aJoin(SELF, { partySize: 3 }), aJoin(SELF, { partySize: 2 }), aJoin(SELF, { partySize: 1 })],
        4_000,
      );
      expect(result.outcomes).toEqual([{ number: 2 }, { refused: 'FULL' }, { number: 3 }]);
      expect(result.queue).toMatchObject({ waitingCount: 3, waitingPeople: 6 });
    });

    it('given paused, closed and self-join-off queues, then self-joins are refused with the reason and staff only where allowed', async () => {
      const paused = await aStoredQueue({ status: 'PAUSED' });
      const closed = await aStoredQueue({ status: 'CLOSED' });
      const noSelf = await aStoredQueue({ selfJoin: false });
      const outcomes = async (queue: Queue) =>
        (await joinAndCheck(queue, [aJoin(SELF), aJoin(staff(queue.ownerId))], 9_000)).outcomes;
      expect(await outcomes(paused)).toEqual([{ refused: 'PAUSED' }, { number: 1 }]);
      expect(await outcomes(closed)).toEqual([{ refused: 'CLOSED' }, { refused: 'CLOSED' }]);
      expect(await outcomes(noSelf)).toEqual([{ refused: 'SELF_JOIN_OFF' }, { number: 1 }]);
    });

    it('given a batch where every join is refused, then the queue is untouched, version and time included', async () => {
      const queue = await aStoredQueue({ status: 'CLOSED', updatedAt: 2_000 });
      const result = await joinAndCheck(queue, [aJoin(SELF), aJoin(SELF)], 9_000);
      expect(result.queue).toEqual(queue);
    });

    it('given names with quotes, emoji, combining marks and the full 128 characters, then each is stored exactly', async () => {
      const queue = await aStoredQueue();
      const names = [
        `O'Brien "the 2nd" & co`,
        'José Ñandú 👩🏽‍⚕️ — Ação',
        'e\u0301 (e + combining acute) 𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
        '😀'.repeat(128),
        '%_*?() /',
      ];
      await joinAndCheck(
        queue,
        names.map((name) =>
          aJoin(SELF, { name, email: 'x.y+tag@example.com.br', phone: '+55 (11) 9 8765-4321' }),
        ),
        3_000,
      );
    });

    it('given an unknown queue, then nothing is stored and the answer is absent', async () => {
      const join = aJoin(SELF);
      expect(await store.join(randomUUID(), [join], 1_000)).toBeUndefined();
      expect(await store.ticket(join.id)).toBeUndefined();
    });

    it('given a batch whose third join reuses a token hash, then none of the batch is kept and the queue is unchanged', async () => {
      const queue = await aStoredQueue();
      const first = aJoin(SELF);
      await store.join(queue.id, [first], 2_000);
      const before = await store.queue(queue.id);
      const batch = [aJoin(SELF), aJoin(SELF), aJoin(SELF, { tokenHash: first.tokenHash })];
      await expect(store.join(queue.id, batch, 3_000)).rejects.toThrow();
      expect(await store.queue(queue.id)).toEqual(before);
      for (const join of batch.slice(0, 2)) expect(await store.ticket(join.id)).toBeUndefined();
      // The connection is usable again: the next join takes the number the failed batch did not keep.
      expect((await store.join(queue.id, [aJoin(SELF)], 4_000))!.outcomes).toEqual([{ number: 2 }]);
    });

    it('given 40 joins sent at once, one per call, then they get numbers 1..40 and versions 2..41, no duplicate, no gap', async () => {
      const queue = await aStoredQueue();
      const results = await Promise.all(
        Array.from({ length: 40 }, () => store.join(queue.id, [aJoin(SELF)], 5_000)),
      );
      const numbers = results.map((r) => (r!.outcomes[0] as { number: number }).number);
      expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      // Each answer's queue is the queue right after that join: its number is its version minus one.
      for (const r of results)
        expect(r!.queue.version).toBe((r!.outcomes[0] as { number: number }).number + 1);
      expect(await store.queue(queue.id)).toMatchObject({ version: 41, nextNumber: 41, waitingCount: 40 });
    });

    it('given new tickets, when their quotes are recorded, then each ticket reads back its own quote', async () => {
      const queue = await aStoredQueue();
      const batch = [aJoin(SELF), aJoin(SELF), aJoin(SELF)];
      await store.join(queue.id, batch, 2_000);
      await store.recordQuotes([
        { ticketId: batch[0]!.id, quote: { lowSeconds: 60, highSeconds: 120 } },
        { ticketId: batch[2]!.id, quote: { lowSeconds: 300, highSeconds: 480 } },
      ]);
      expect((await store.ticket(batch[0]!.id))!.quote).toEqual({ lowSeconds: 60, highSeconds: 120 });
      expect((await store.ticket(batch[1]!.id))!.quote).toBeNull();
      expect((await store.ticket(batch[2]!.id))!.quote).toEqual({ lowSeconds: 300, highSeconds: 480 });
    });
  });
}
