import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { derivePosition, type KnownPosition } from '../../resolvers/domain/positions';
import { apiAs, PUBLIC, type Api } from '../support/appsync';
import { secondInstance, type TestStack } from '../support/stack';
import { expectError, signedInOwner } from './backend.contract';

interface Person {
  name: string;
  token: string;
  id: string;
}

/**
 * Moves in the waiting line through the router on a whole stack: "I need a few more minutes" from the ticket
 * page, staff putting a no-show back, and every watcher's derived position staying what ticket(token) reads.
 */
export function movesContract(
  name: string,
  open: () => Promise<TestStack>,
  options: { enabled?: boolean; instances: 1 | 2 },
): void {
  const enabled = options.enabled ?? true;
  describe.skipIf(!enabled)(`moves in the line: ${name}`, () => {
    let stack: TestStack;
    let api: Api;
    const anonymous = () => apiAs(stack.deps, PUBLIC);
    beforeAll(async () => {
      stack = await open();
      const signed = await signedInOwner(stack);
      api = signed.api;
    });
    afterAll(() => stack?.cleanup());

    async function queueOf(count: number, input: Record<string, unknown>) {
      const queue = await api('createQueue', { input: { name: 'Posto de Saúde', ...input } });
      const people: Person[] = [];
      for (let i = 1; i <= count; i += 1) {
        const issued = await api('addTicket', { queueId: queue.id, input: { name: `P${i}` } });
        people.push({ name: `P${i}`, token: issued.accessToken, id: issued.ticket.id });
      }
      return { queue, people };
    }

    /**
     * Watchers of a queue, as the ticket page follows it: each reads its ticket once, then derives its position
     * from every event after; `check` applies the new events and compares with ticket(token) and the staff list.
     */
    async function watchers(queueId: string, people: Person[]) {
      const known = new Map<string, KnownPosition>();
      /**
       * Reads the tickets of people not watching yet (those who joined since), and of those an event was about
       * (the page re-reads its own changes): they follow from here.
       */
      const read = async () => {
        for (const p of people.filter((p) => !known.has(p.token))) {
          const view = await anonymous()('ticket', { token: p.token });
          known.set(p.token, {
            ticketNumber: view.number,
            position: view.position,
            waitingCount: view.waitingCount,
            version: view.version,
          });
        }
      };
      await read();
      return async function check(): Promise<string[]> {
        await read();
        // In version order, as subscribers order them (concurrent committers publish in any order).
        const events = stack.events
          .filter((e) => e.queueId === queueId)
          .sort((a, b) => a.version - b.version);
        for (const [token, start] of known) {
          let k = start;
          for (const event of events) {
            const d = derivePosition(k, event);
            expect(d.kind, `event ${event.version} ${event.kind}`).not.toBe('reread');
            if (d.kind === 'next') k = d.known;
            if (d.kind === 'next' && d.self) {
              known.delete(token);
              break;
            }
          }
          if (known.has(token)) known.set(token, k);
        }
        await read();
        for (const p of people) {
          const view = await anonymous()('ticket', { token: p.token });
          if (view.status === 'WAITING')
            expect(known.get(p.token)!.position, `${p.name}'s derived position`).toBe(view.position);
          expect(known.get(p.token)!.version).toBe(view.version);
        }
        // The staff list: the line's order, positions 1…n.
        const waiting = (await api('queueTickets', { queueId, statuses: ['WAITING'] })).items as {
          name: string;
          position: number;
        }[];
        expect(waiting.map((t) => t.position)).toEqual(waiting.map((_, i) => i + 1));
        return waiting.map((t) => t.name);
      };
    }

    it('given a queue that lets people move back 3 places twice, then each move lets exactly 3 by (fewer at the end), never past it, and every watcher derives what ticket(token) reads after each step', async () => {
      const { queue, people } = await queueOf(8, { snoozePlaces: 3, snoozeLimit: 2 });
      const [p1, p2] = people;
      const check = await watchers(queue.id, people);
      const snooze = (p: Person) => anonymous()('snoozeTicket', { token: p.token });

      const moved = await snooze(p2!);
      expect(moved).toMatchObject({ status: 'WAITING', position: 5, snoozePlaces: 3, snoozesLeft: 1 });
      expect(stack.events.at(-1)).toMatchObject({
        kind: 'MOVED',
        ticketNumber: 2,
        fromPosition: 2,
        toPosition: 5,
        waitingCount: 8,
      });
      expect(await check()).toEqual(['P1', 'P3', 'P4', 'P5', 'P2', 'P6', 'P7', 'P8']);

      expect(await snooze(p1!)).toMatchObject({ position: 4 });
      expect(await check()).toEqual(['P3', 'P4', 'P5', 'P1', 'P2', 'P6', 'P7', 'P8']);

      // Two from the end: only 2 to let by.
      const p6 = people[5]!;
      expect(await snooze(p6)).toMatchObject({ position: 8 });
      expect(await check()).toEqual(['P3', 'P4', 'P5', 'P1', 'P2', 'P7', 'P8', 'P6']);

      // A join after the moves lines up behind everyone, the moved included.
      const p9 = await api('addTicket', { queueId: queue.id, input: { name: 'P9' } });
      people.push({ name: 'P9', token: p9.accessToken, id: p9.ticket.id });
      expect(p9.ticket.position).toBe(9);
      await api('callNext', { queueId: queue.id });
      expect(await check()).toEqual(['P4', 'P5', 'P1', 'P2', 'P7', 'P8', 'P6', 'P9']);

      expect(await snooze(p2!)).toMatchObject({ position: 7, snoozesLeft: 0 });
      expect(await check()).toEqual(['P4', 'P5', 'P1', 'P7', 'P8', 'P6', 'P2', 'P9']);
      const events = stack.events.length;
      const limit = await expectError(snooze(p2!), 'CONFLICT');
      expect(limit.info).toMatchObject({ reason: 'SNOOZE_LIMIT' });
      const last = await expectError(anonymous()('snoozeTicket', { token: p9.accessToken }), 'CONFLICT');
      expect(last.info).toMatchObject({ reason: 'LAST' });
      expect(stack.events).toHaveLength(events);

      // Staff see how often each moved; calls follow the line.
      const list = (await api('queueTickets', { queueId: queue.id, statuses: ['WAITING'] })).items as {
        name: string;
        snoozes: number;
      }[];
      expect(Object.fromEntries(list.map((t) => [t.name, t.snoozes]))).toMatchObject({ P2: 2, P1: 1, P6: 1 });
      const order: number[] = [];
      for (let called; (called = await api('callNext', { queueId: queue.id }));) order.push(called.number);
      expect(order).toEqual([4, 5, 1, 7, 8, 6, 2, 9]);
      await check();
    });

    it('given moves turned off, a called ticket or a wrong token, then moving back is refused and nothing changes', async () => {
      const { queue, people } = await queueOf(3, {});
      const before = stack.events.length;
      const off = await expectError(anonymous()('snoozeTicket', { token: people[0]!.token }), 'CONFLICT');
      expect(off.info).toMatchObject({ reason: 'SNOOZE_OFF' });
      await api('updateQueue', { id: queue.id, input: { snoozePlaces: 2 } });
      await api('callNext', { queueId: queue.id });
      const called = await expectError(anonymous()('snoozeTicket', { token: people[0]!.token }), 'CONFLICT');
      expect(called.info).toMatchObject({ status: 'CALLED' });
      await expectError(anonymous()('snoozeTicket', { token: 'x'.repeat(43) }), 'NOT_FOUND');
      expect(stack.events.length - before).toBe(2); // the settings change and the call only
      await expectError(api('updateQueue', { id: queue.id, input: { snoozePlaces: 51 } }), 'VALIDATION');
      await expectError(api('updateQueue', { id: queue.id, input: { snoozeLimit: 0 } }), 'VALIDATION');
      expect((await api('queue', { id: queue.id })).snoozePlaces).toBe(2);
    });

    it('given a no-show, then staff put them back at position 2 (by default next, past the end last), everyone behind moves down one, and watchers follow', async () => {
      const { queue, people } = await queueOf(5, {});
      const check = await watchers(queue.id, people);
      const first = await api('callNext', { queueId: queue.id });
      await api('markNoShow', { id: first.id });
      expect(await check()).toEqual(['P2', 'P3', 'P4', 'P5']);

      const back = await api('returnTicket', { id: first.id, position: 2 });
      expect(back).toMatchObject({ status: 'WAITING', position: 2, finishedAt: null });
      expect(stack.events.at(-1)).toMatchObject({
        kind: 'RETURNED',
        ticketNumber: 1,
        fromPosition: null,
        toPosition: 2,
        waitingCount: 5,
      });
      expect(await check()).toEqual(['P2', 'P1', 'P3', 'P4', 'P5']);
      expect(await anonymous()('ticket', { token: people[0]!.token })).toMatchObject({
        status: 'WAITING',
        position: 2,
      });

      // A WAITING ticket cannot be put back; nor another owner's.
      await expectError(api('returnTicket', { id: first.id }), 'CONFLICT');
      const stranger = await signedInOwner(stack, 'Outra Dona');
      await api('callNext', { queueId: queue.id });
      const p1 = await api('callNext', { queueId: queue.id });
      expect(p1.number).toBe(1);
      await api('markNoShow', { id: p1.id });
      await expectError(stranger.api('returnTicket', { id: p1.id }), 'NOT_FOUND');
      await expectError(api('returnTicket', { id: p1.id, position: 0 }), 'VALIDATION');

      expect(await api('returnTicket', { id: p1.id })).toMatchObject({ position: 1 });
      expect(await check()).toEqual(['P1', 'P3', 'P4', 'P5']);
      await api('callNext', { queueId: queue.id });
      const again = (await api('queueTickets', { queueId: queue.id, statuses: ['CALLED'] })).items[0];
      await api('markNoShow', { id: again.id });
      expect(await api('returnTicket', { id: again.id, position: 1000 })).toMatchObject({ position: 4 });
      expect(await check()).toEqual(['P3', 'P4', 'P5', 'P1']);
    });

    it(`given people moving back at once from ${options.instances} instance(s), then the line stays a line: positions 1…n, the same in SQL, the index and every watcher`, async () => {
      const { queue, people } = await queueOf(12, { snoozePlaces: 2 });
      const check = await watchers(queue.id, people);
      // SQLite's driver is synchronous: two connections in one process cannot wait for each other's lock.
      const other =
        options.instances === 2 ? secondInstance(stack) : { deps: stack.deps, close: async () => {} };
      try {
        const publicB = apiAs(other.deps, PUBLIC);
        const moves = await Promise.allSettled(
          people
            .slice(0, 8)
            .map((p, i) => (i % 2 ? anonymous() : publicB)('snoozeTicket', { token: p.token })),
        );
        expect(moves.flatMap((m) => (m.status === 'rejected' ? [String(m.reason)] : []))).toEqual([]);
        const order = await check();
        expect([...order].sort()).toEqual(people.map((p) => p.name).sort());
        // Each moved once: the ones that moved are behind where they started or level with it.
        const moved = stack.events.filter((e) => e.queueId === queue.id && e.kind === 'MOVED');
        expect(moved).toHaveLength(8);
        expect(new Set(moved.map((e) => e.version)).size).toBe(8);
      } finally {
        await other.close();
      }
    });

    it('given a gap with no double left between two places, then a move renumbers the line, lands where it should, and the index is rebuilt to match', async () => {
      const { queue, people } = await queueOf(4, { snoozePlaces: 1 });
      // As after some fifty moves into one gap: P3 sits right behind P2, with no double between them.
      await stack.deps.queues.inQueueTransaction(queue.id, (tx) =>
        tx.updateTicket(people[2]!.id, { place: 2 + 2 * Number.EPSILON }),
      );
      await stack.deps.positions.drop(queue.id);
      const check = await watchers(queue.id, people);
      expect(await check()).toEqual(['P1', 'P2', 'P3', 'P4']);
      expect(await anonymous()('snoozeTicket', { token: people[0]!.token })).toMatchObject({ position: 2 });
      expect(await check()).toEqual(['P2', 'P1', 'P3', 'P4']);
      const places = await stack.deps.queues.inQueueTransaction(queue.id, async (tx) =>
        Promise.all([1, 2, 3, 4].map(async (p) => (await tx.waitingAt(p))!.place)),
      );
      expect(places).toEqual([2, 2.5, 3, 4]);
    });
  });
}
